package org.elbo4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.elbo4j.topics.BagOfWords;
import org.elbo4j.topics.Coherence;
import org.elbo4j.topics.DocumentCompletion;
import org.elbo4j.topics.HeldOutSplit;
import org.elbo4j.topics.Lda;
import org.elbo4j.topics.LdaConfig;
import org.elbo4j.topics.LdaFit;
import org.elbo4j.topics.LdaPass;
import org.elbo4j.topics.VocabularyFilter;
import org.elbo4j.tensor.kernel.Parallel;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code elbo4j topics fit}: LDA on a text or UCI bag-of-words corpus. Every option and the data
 * are checked before anything is written, so a bad invocation leaves --out as it was.
 */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = {"Fit latent Dirichlet allocation (LDA) topics to a corpus and report them.",
            "Online stochastic variational inference (Hoffman, Blei & Bach 2010) or batch coordinate ascent (Blei, Ng"
                + " & Jordan 2003). Prints one line per pass with the perplexity bound exp(-ELBO/words) on the training"
                + " and held-out documents, and writes to --out topics.json, doc_topics.csv, model.json (for topics"
                + " infer), perplexity.png and report.html."},
        footer = {"  elbo4j topics fit --docs data/debian-descriptions.txt --k 10 --out topics1",
            "  elbo4j topics fit --docs docword.kos.txt --format uci --k 20 --out kos",
            "  elbo4j topics fit --docs docs.txt --method batch --passes 100 --out run2"})
public final class TopicsFitCommand implements Callable<Integer> {

    @Option(names = "--docs", required = true, paramLabel = "FILE",
            description = "The documents: one per line of text (--format lines) or a UCI docword file.")
    Path docs;

    /** How the report names the documents (spark topics fit: a Hadoop URI as given); null: {@link #docs}. */
    String docsName;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The output directory.")
    Path out;

    @ArgGroup(validate = false, heading = "Input:%n")
    Input input = new Input();

    @ArgGroup(validate = false, heading = "Model:%n")
    Model model = new Model();

    @ArgGroup(validate = false, heading = "Training:%n")
    Training training = new Training();

    /** The vocabulary filter of text and the held-out fraction (spark topics fit shares them). */
    static class Filter {
        @Option(names = "--min-df", defaultValue = "2", paramLabel = "N",
                description = "Text: keep words in at least N documents (default: ${DEFAULT-VALUE}).")
        int minDf;

        @Option(names = "--max-df", defaultValue = "0.5", paramLabel = "F",
                description = "Text: drop words in more than this fraction of documents (default: ${DEFAULT-VALUE}).")
        double maxDf;

        @Option(names = "--max-vocab", defaultValue = "10000", paramLabel = "N",
                description = "Text: keep the N words in most documents (default: ${DEFAULT-VALUE}).")
        int maxVocab;

        @Option(names = "--holdout", defaultValue = "0.1", paramLabel = "F",
                description = "The fraction of documents held out for perplexity and NPMI (default: ${DEFAULT-VALUE}).")
        double holdout;

        /** These settings copied to {@code to}. */
        void copyTo(Filter to) {
            to.minDf = minDf;
            to.maxDf = maxDf;
            to.maxVocab = maxVocab;
            to.holdout = holdout;
        }
    }

    /** The format and the vocabulary. */
    static final class Input extends Filter {
        @Option(names = "--format", defaultValue = "lines", paramLabel = "NAME",
                description = "lines (plain text, one document per line) or uci (docword file with vocab.txt next to"
                        + " it) (default: ${DEFAULT-VALUE}).")
        String format;

        @Option(names = "--vocab", paramLabel = "FILE",
                description = "The vocab.txt of a UCI corpus (default: next to the docword file).")
        Path vocab;
    }

    /** K and the priors. */
    static final class Model {
        @Option(names = "--k", defaultValue = "20", paramLabel = "K",
                description = "The number of topics (default: ${DEFAULT-VALUE}).")
        int k;

        @Option(names = "--alpha", defaultValue = "auto", paramLabel = "auto|A",
                description = "The document-topic prior: auto (learned, asymmetric, starting at 1/K) or a fixed"
                        + " symmetric value (default: ${DEFAULT-VALUE}).")
        String alpha;

        @Option(names = "--eta", defaultValue = "auto", paramLabel = "auto|E",
                description = "The topic-word prior: auto (learned, symmetric, starting at 1/K) or a fixed value"
                        + " (default: ${DEFAULT-VALUE}).")
        String eta;

        @Option(names = "--top-words", defaultValue = "10", paramLabel = "N",
                description = "Words listed per topic and used for coherence (default: ${DEFAULT-VALUE}).")
        int topWords;
    }

    /** The algorithm. */
    static final class Training {
        @Option(names = "--method", defaultValue = "online", paramLabel = "NAME",
                description = "online (minibatches) or batch (default: ${DEFAULT-VALUE}).")
        String method;

        @Option(names = "--passes", defaultValue = "10", paramLabel = "N",
                description = "The most passes over the documents (default: ${DEFAULT-VALUE}).")
        int passes;

        @Option(names = "--batch-size", defaultValue = "128", paramLabel = "B",
                description = "Documents per minibatch (online) (default: ${DEFAULT-VALUE}).")
        int batchSize;

        @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
                description = "The seed of the start and the held-out split (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: all cores).")
        Integer threads;
    }

    /** Where progress lines go (tests may replace it). */
    PrintStream progress = System.err;

    /** Settings written to the report after the command's own (spark topics fit adds its own). */
    Map<String, Object> extraSettings = Map.of();

    @Override
    public Integer call() throws IOException {
        Prepared run = prepare();
        if (training.threads != null) {
            Parallel.setThreads(training.threads);
        }
        long t0 = System.nanoTime();
        LdaFit fit = Lda.fit(run.split().train(), run.split().heldOut(), run.config(), passLine(run.config()));
        finish(run, fit, (System.nanoTime() - t0) * 1e-9);
        return 0;
    }

    /** The checked options, the documents and their held-out split, as a fit starts from them. */
    record Prepared(LdaConfig config, BagOfWords bag, HeldOutSplit split) {
    }

    /** Reads the documents of a fit, given the vocabulary filter of text. */
    interface Reader {
        /** The documents. */
        BagOfWords read(VocabularyFilter filter) throws IOException;
    }

    /**
     * Checks every option, reads the documents, splits them and prints the first line; writes
     * nothing (also the start of {@code spark topics fit}).
     */
    Prepared prepare() throws IOException {
        return prepare(filter -> TopicsData.forFit(docs, input.format, input.vocab, filter));
    }

    /** {@link #prepare()} with the documents read by {@code reader} once the options are checked. */
    Prepared prepare(Reader reader) throws IOException {
        LdaConfig config = config();
        VaeTrainCommand.checkWritable(out);
        if (training.threads != null && training.threads < 1) {
            throw new UserError("--threads must be >= 1, got " + training.threads);
        }
        if (!(input.holdout >= 0 && input.holdout < 1)) {
            throw new UserError("--holdout must be in [0, 1), got " + input.holdout);
        }
        if (model.topWords < 2) {
            throw new UserError("--top-words must be >= 2, got " + model.topWords);
        }
        VocabularyFilter filter = new VocabularyFilter(input.minDf, input.maxDf, input.maxVocab);
        BagOfWords bag = reader.read(filter);
        HeldOutSplit split = HeldOutSplit.of(bag.corpus(), input.holdout, training.seed);
        progress.printf(Locale.ROOT, "elbo4j topics: %s, %d documents (%d held out), %d words, V = %d, K = %d, %s%n",
                docsName != null ? docsName : docs, bag.corpus().docs(), split.heldOutDocs().length, (long) bag.corpus().totalWords(),
                bag.vocabulary().size(), config.topics(), config.online() ? "online VI" : "batch CAVI");
        return new Prepared(config, bag, split);
    }

    /** The progress line of every pass. */
    Consumer<LdaPass> passLine(LdaConfig config) {
        return p -> progress.printf(Locale.ROOT, "pass %d/%d: perplexity bound train %.2f%s%s%n", p.pass(),
                config.passes(), p.trainPerplexity(), Double.isNaN(p.heldOutPerplexity()) ? ""
                        : String.format(Locale.ROOT, ", held-out %.2f", p.heldOutPerplexity()),
                config.online() ? String.format(Locale.ROOT, " (rho %.3g)", p.rate()) : "");
    }

    /** Writes the report of a finished fit to --out and prints the last lines. */
    void finish(Prepared run, LdaFit fit, double seconds) throws IOException {
        TopicsReport report = report(run.bag(), run.split(), fit, seconds);
        Files.createDirectories(out);
        report.write(out);
        progress.printf(Locale.ROOT, "%s after %d passes (%.1f s): %s%nwrote %s%n", fit.verdict(), fit.passes().size(),
                seconds, fit.reason(), out.resolve("report.html"));
    }

    private TopicsReport report(BagOfWords bag, HeldOutSplit split, LdaFit fit, double seconds) {
        int k = config().topics();
        double[] umass = TopicsReport.coherence(fit.model(), Coherence.on(split.train()), model.topWords, false);
        double[] npmi = split.heldOut() == null ? null
                : TopicsReport.coherence(fit.model(), Coherence.on(split.heldOut()), model.topWords, true);
        double bound = split.heldOut() == null ? Double.NaN : Lda.perWordBound(fit.model(), split.heldOut());
        double completion = split.heldOut() == null ? Double.NaN
                : DocumentCompletion.split(split.heldOut(), training.seed).perWord(fit.model());
        double[] theta = new double[bag.corpus().docs() * k];
        boolean[] held = new boolean[bag.corpus().docs()];
        double[] trainTheta = fit.docTopics();
        for (int j = 0; j < split.trainDocs().length; j++) {
            System.arraycopy(trainTheta, j * k, theta, split.trainDocs()[j] * k, k);
        }
        if (split.heldOut() != null) {
            double[] heldTheta = Lda.inferTheta(fit.model(), split.heldOut());
            for (int j = 0; j < split.heldOutDocs().length; j++) {
                System.arraycopy(heldTheta, j * k, theta, split.heldOutDocs()[j] * k, k);
                held[split.heldOutDocs()[j]] = true;
            }
        }
        return new TopicsReport(fit, bag.vocabulary(), settings(), model.topWords, umass, npmi, bound, completion,
                theta, held, seconds);
    }

    private Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("docs", docsName != null ? docsName : docs.toString());
        s.put("format", input.format);
        s.put("k", model.k);
        s.put("method", training.method);
        s.put("passes", training.passes);
        s.put("batch_size", training.batchSize);
        s.put("alpha", model.alpha);
        s.put("eta", model.eta);
        s.put("holdout", input.holdout);
        s.put("seed", training.seed);
        s.put("min_df", input.minDf);
        s.put("max_df", input.maxDf);
        s.put("max_vocab", input.maxVocab);
        s.putAll(extraSettings);
        return s;
    }

    private LdaConfig config() {
        if (model.k < 1) {
            throw new UserError("--k must be >= 1, got " + model.k);
        }
        if (!training.method.equals("online") && !training.method.equals("batch")) {
            throw new UserError("--method must be online or batch, got '" + training.method + "'");
        }
        double start = 1.0 / model.k;
        try {
            return LdaConfig.of(model.k).withOnline(training.method.equals("online")).withPasses(training.passes)
                    .withBatchSize(training.batchSize)
                    .withAlpha(prior("--alpha", model.alpha, start), model.alpha.equals("auto"), true)
                    .withEta(prior("--eta", model.eta, start), model.eta.equals("auto")).withSeed(training.seed);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage().replace("LdaConfig: ", "").replace("passes", "--passes")
                    .replace("batchSize", "--batch-size"));
        }
    }

    private static double prior(String option, String value, double start) {
        if (value.equals("auto")) {
            return start;
        }
        try {
            double v = Double.parseDouble(value);
            if (v > 0 && Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UserError(option + " must be auto or a number > 0, got '" + value + "'");
    }
}
