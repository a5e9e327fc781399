package org.elbo4j.topics;

/**
 * A corpus with its vocabulary, as read from a file.
 *
 * @param corpus         the documents
 * @param vocabulary     the words of the ids in {@code corpus}
 * @param unknownTokens  tokens dropped because they are not in a given vocabulary (0 when the
 *                       vocabulary was built from the file itself)
 */
public record BagOfWords(Corpus corpus, Vocabulary vocabulary, long unknownTokens) {
}
