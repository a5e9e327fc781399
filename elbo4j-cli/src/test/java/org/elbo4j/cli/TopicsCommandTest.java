package org.elbo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.elbo4j.io.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code topics fit} and {@code topics infer} on the bundled Debian descriptions, and one test per
 * bad input: exit code 2, one line on stderr, an existing output directory untouched.
 */
class TopicsCommandTest {

    static final Path CORPUS = Path.of("..", "data", "debian-descriptions.txt");

    @TempDir
    Path tmp;
    Path out;

    @BeforeEach
    void existingOutput() throws IOException {
        out = tmp.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("keep.txt"), "earlier results");
    }

    private CliRun fit(String... args) {
        TopicsFitCommand c = new TopicsFitCommand();
        c.progress = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--out", out.toString()));
        return CliRun.of(c, all.toArray(new String[0]));
    }

    private void assertRejected(String message, String... args) throws IOException {
        CliRun run = fit(args);
        assertTrue(run.oneErrorLineContaining(message), "exit " + run.exitCode() + ", stderr: " + run.err());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of(out.resolve("keep.txt")), files.toList());
        }
        assertEquals("earlier results", Files.readString(out.resolve("keep.txt")));
    }

    private Path file(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text);
    }

    @Test
    void fitsTheBundledCorpusAndInfersNewDocuments() throws IOException {
        CliRun run = fit("--docs", CORPUS.toString(), "--k", "5", "--passes", "2", "--batch-size", "100");
        assertEquals(0, run.exitCode(), run.err());
        for (String f : List.of("topics.json", "doc_topics.csv", "model.json", "perplexity.png", "report.html")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        Map<?, ?> j = (Map<?, ?>) Json.parse(Files.readString(out.resolve("topics.json")));
        assertEquals(5, ((List<?>) j.get("topic_words")).size());
        assertEquals(2, ((List<?>) j.get("perplexity_per_pass")).size());
        assertTrue(Json.toDouble(j.get("heldout_completion_perplexity")) > 1);
        assertEquals(801, Files.readAllLines(out.resolve("doc_topics.csv")).size());
        assertTrue(Files.readString(out.resolve("report.html")).contains("class=\"bar\""));

        Path docs = file("new.txt", "python library for data\nzzzunknownword\n");
        TopicsInferCommand infer = new TopicsInferCommand();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        infer.progress = new PrintStream(err, true, StandardCharsets.UTF_8);
        CliRun inferred = CliRun.of(infer, "--model", out.toString(), "--docs", docs.toString());
        assertEquals(0, inferred.exitCode(), inferred.err());
        String[] lines = inferred.out().strip().split("\n");
        assertEquals(3, lines.length);
        double sum = 0;
        for (String v : lines[1].split(",")) {
            sum += lines[1].startsWith(v) ? 0 : Double.parseDouble(v);
        }
        assertEquals(1.0, sum, 1e-4);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("1 tokens not in the model's vocabulary ignored"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void emptyDocumentsAreCountedAndNamed() throws IOException {
        assertRejected("2 of 4 documents are empty after tokenizing and filtering",
                "--docs", file("d.txt", "python library\n\nthe of\npython library\n").toString(), "--k", "2");
    }

    @Test
    void emptyVocabularyAfterFiltering() throws IOException {
        assertRejected("vocabulary is empty after filtering",
                "--docs", file("d.txt", "python library\nperl tool\n").toString(), "--k", "2");
    }

    @Test
    void fewerThanOneTopic() throws IOException {
        assertRejected("--k must be >= 1, got 0", "--docs", CORPUS.toString(), "--k", "0");
    }

    @Test
    void uciHeaderThatDisagreesWithTheFile() throws IOException {
        file("vocab.txt", "apple\nbanana\ncherry\n");
        Path docword = file("docword.txt", "2\n3\n5\n1 1 2\n1 3 1\n2 2 5\n2 3 1\n");
        assertRejected("docword.txt:3: header NNZ = 5 but the file has 4 entries",
                "--docs", docword.toString(), "--format", "uci", "--k", "2");
    }

    @Test
    void uciDocumentWithoutEntries() throws IOException {
        file("vocab.txt", "apple\nbanana\ncherry\n");
        Path docword = file("docword.txt", "3\n3\n2\n1 1 2\n3 3 1\n");
        assertRejected("1 of 3 documents have no entries (docIDs 2)",
                "--docs", docword.toString(), "--format", "uci", "--k", "2");
    }

    @Test
    void badPriorAndMethod() throws IOException {
        assertRejected("--alpha must be auto or a number > 0, got '-1'", "--docs", CORPUS.toString(), "--alpha", "-1");
        assertRejected("--method must be online or batch", "--docs", CORPUS.toString(), "--method", "gibbs");
    }

    @Test
    void inferWithoutAModel() throws IOException {
        CliRun run = CliRun.of(new TopicsInferCommand(), "--model", tmp.toString(), "--docs", CORPUS.toString());
        assertTrue(run.oneErrorLineContaining("no model.json"), run.err());
    }
}
