package org.elbo4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.elbo4j.io.AtomicFiles;
import org.elbo4j.topics.BagOfWords;
import org.elbo4j.topics.Lda;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code elbo4j topics infer}: E_q θ of new documents under a model written by {@code topics fit}. */
@Command(name = "infer", mixinStandardHelpOptions = true,
        description = {"Infer the topic proportions of new documents under a fitted topic model.",
            "Prints (or writes to --out) a CSV with one row per document: E_q theta = gamma / sum(gamma), gamma fitted"
                + " with the model's lambda and alpha fixed. Words not in the model's vocabulary are ignored and"
                + " counted on stderr; a document without known words gets the prior mean."},
        footer = {"  elbo4j topics infer --model topics1 --docs new.txt",
            "  elbo4j topics infer --model kos --docs docword.new.txt --format uci"})
public final class TopicsInferCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "A directory written by topics fit.")
    Path model;

    @Option(names = "--docs", required = true, paramLabel = "FILE", description = "The new documents.")
    Path docs;

    @Option(names = "--format", defaultValue = "lines", paramLabel = "NAME",
            description = "lines or uci (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--vocab", paramLabel = "FILE",
            description = "The vocab.txt of a UCI file (default: next to the docword file).")
    Path vocab;

    @Option(names = "--out", paramLabel = "FILE.csv", description = "Write the CSV here instead of stdout.")
    Path out;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Where the unknown-word count goes (tests may replace it). */
    PrintStream progress = System.err;

    @Override
    public Integer call() throws IOException {
        TopicsData.format(format);
        TopicsModelFile.Saved saved = TopicsModelFile.read(model);
        BagOfWords bag = TopicsData.forInfer(docs, format, vocab, saved.vocabulary());
        int k = saved.model().topics();
        double[] theta = Lda.inferTheta(saved.model(), bag.corpus());
        StringBuilder b = new StringBuilder("doc");
        for (int t = 1; t <= k; t++) {
            b.append(",topic_").append(t);
        }
        b.append('\n');
        for (int d = 0; d < bag.corpus().docs(); d++) {
            b.append(d + 1);
            for (int t = 0; t < k; t++) {
                b.append(',').append(String.format(Locale.ROOT, "%.6g", theta[d * k + t]));
            }
            b.append('\n');
        }
        progress.printf(Locale.ROOT, "elbo4j topics infer: %d documents, %d tokens not in the model's vocabulary"
                + " ignored, %d documents without known words%n", bag.corpus().docs(), bag.unknownTokens(),
                bag.corpus().emptyDocuments().length);
        if (out != null) {
            AtomicFiles.writeString(out, b.toString());
        } else {
            PrintWriter w = spec.commandLine().getOut();
            w.print(b);
            w.flush();
        }
        return 0;
    }
}
