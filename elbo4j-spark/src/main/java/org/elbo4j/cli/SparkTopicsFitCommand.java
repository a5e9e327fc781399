package org.elbo4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.elbo4j.spark.DataLocation;
import org.elbo4j.spark.SparkLdaCorpus;
import org.elbo4j.spark.SparkOnlineLda;
import org.elbo4j.topics.LdaFit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code elbo4j spark topics fit}: {@code elbo4j topics fit --method online} with the E-steps on
 * Spark ({@link SparkOnlineLda}): the same options (but --method and --threads), the same
 * checks before anything is written, the same progress lines and outputs. With
 * {@code --format parquet} the corpus is read by the executors ({@link SparkTopicsInput},
 * {@code spark.SparkBagOfWords}) into the same bag of words the local readers build, so the fit
 * is the one of the same corpus as lines or UCI file.
 */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = {"Fit LDA topics to a corpus on Spark and report them as elbo4j topics fit does.",
            "Online stochastic variational inference (Hoffman, Blei & Bach 2010) with the minibatches of elbo4j topics"
                + " fit: the documents are dealt round robin to --partitions partitions (0: Spark's default"
                + " parallelism), each minibatch's E-step runs on the partitions with the topics broadcast, the"
                + " word-topic statistics are summed in a fixed tree over the partitions, and the driver updates the"
                + " topics and priors. With one partition the fit equals elbo4j topics fit bit for bit. Writes to"
                + " --out topics.json, doc_topics.csv, model.json, perplexity.png and report.html.",
            "--format parquet reads a Parquet corpus on the executors, one row per document: a text column (--text),"
                + " tokenized and filtered as lines are, or term counts (--counts: CountVectorizer's vectors, or"
                + " arrays with --ids) whose words are --vocab. Only word ids and counts reach the driver; the"
                + " same corpus as lines or as Parquet gives the same fit. elbo4j spark convert --format lines|uci"
                + " writes such a corpus."},
        footer = {"  elbo4j spark topics fit --docs docs.txt --k 10 --master local[2] --out t1",
            "  elbo4j spark topics fit --docs d.parquet --format parquet --text body --out t3",
            "  elbo4j spark topics fit --docs cv.parquet --format parquet --counts features \\",
            "      --vocab vocab.txt --out t4",
            "  elbo4j spark topics fit --docs docword.kos.txt --format uci --k 20 --out kos",
            "  elbo4j spark topics fit --docs docs.txt --master spark://HOST:7077 --out t2"})
final class SparkTopicsFitCommand implements Callable<Integer> {

    @Option(names = "--docs", required = true, paramLabel = "PATH|URI", converter = DataLocationConverter.class,
            description = "The documents: one per line of text (--format lines), a UCI docword file, or a Parquet"
                    + " file or directory, one row per document (--format parquet). With --format parquet a Hadoop"
                    + " URI (hdfs://, s3a://, file://) is read by Spark on the cluster; lines and uci are read on"
                    + " the driver and must be local paths.")
    DataLocation docs;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "The output directory, a local path (the driver writes it).")
    Path out;

    @ArgGroup(validate = false, heading = "Input:%n")
    SparkTopicsInput input = new SparkTopicsInput();

    @ArgGroup(validate = false, heading = "Model:%n")
    TopicsFitCommand.Model model = new TopicsFitCommand.Model();

    @ArgGroup(validate = false, heading = "Training:%n")
    Training training = new Training();

    @ArgGroup(validate = false, heading = "Spark:%n")
    Placement placement = new Placement();

    /** The online algorithm's settings (those of topics fit that apply on Spark). */
    static final class Training {
        @Option(names = "--passes", defaultValue = "10", paramLabel = "N",
                description = "The most passes over the documents (default: ${DEFAULT-VALUE}).")
        int passes;

        @Option(names = "--batch-size", defaultValue = "128", paramLabel = "B",
                description = "Documents per minibatch (default: ${DEFAULT-VALUE}).")
        int batchSize;

        @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
                description = "The seed of the start and the held-out split (default: ${DEFAULT-VALUE}).")
        long seed;
    }

    /** Where Spark runs and how the documents are placed ({@link SparkOptions}, described for documents). */
    static final class Placement {
        @Option(names = "--master", paramLabel = "URL",
                description = "Where Spark runs: local[N], local[*] or spark://HOST:PORT (default: the master"
                        + " spark-submit set, else local[*]).")
        String master;

        @Option(names = "--partitions", defaultValue = "0", paramLabel = "P",
                description = "Deal the documents round robin to P partitions; 0 takes Spark's default"
                        + " parallelism (default: ${DEFAULT-VALUE}).")
        int partitions;
    }

    private SparkOptions spark;
    private SparkSession session;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        DataLocationConverter.requireLocalOut(spec);
        input.check();
        if (!input.parquet()) {
            DataLocationConverter.requireLocal("--docs", docs, "--format " + input.format + " is read on the driver"
                    + " and must be a local path; convert the corpus to Parquet (elbo4j spark convert --format "
                    + input.format + ") and give --format parquet");
        }
        TopicsFitCommand local = new TopicsFitCommand();
        local.docs = docs.isHadoop() ? Path.of(docs.uri()) : docs.local();
        local.docsName = docs.toString();
        local.out = out;
        local.input = input.local();
        local.model = model;
        local.training.method = "online";
        local.training.passes = training.passes;
        local.training.batchSize = training.batchSize;
        local.training.seed = training.seed;
        spark = new SparkOptions();
        spark.master = placement.master;
        spark.partitions = placement.partitions;
        Map<String, Object> extra = new LinkedHashMap<>(input.settings());
        extra.put("master", spark.master == null ? "" : spark.master);
        extra.put("partitions", spark.partitions);
        local.extraSettings = extra;
        spark.check();
        SparkLdaCorpus train = null;
        SparkLdaCorpus heldOut = null;
        try {
            TopicsFitCommand.Prepared run = input.parquet()
                    ? local.prepare(filter -> input.read(session(), docs, filter)) : local.prepare();
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(session().sparkContext());
            int p = spark.partitions > 0 ? spark.partitions : sc.defaultParallelism();
            long t0 = System.nanoTime();
            train = SparkLdaCorpus.of(sc, run.split().train(), p);
            heldOut = run.split().heldOut() == null ? null : SparkLdaCorpus.of(sc, run.split().heldOut(), p);
            LdaFit fit = SparkOnlineLda.fit(train, heldOut, run.config(), local.passLine(run.config()));
            local.finish(run, fit, (System.nanoTime() - t0) * 1e-9);
            return 0;
        } catch (Exception e) {
            throw SparkOptions.failure(e, "--docs", docs);
        } finally {
            if (train != null) {
                train.release();
            }
            if (heldOut != null) {
                heldOut.release();
            }
            if (session != null) {
                spark.stop(session);
            }
        }
    }

    /** The session, started at the first call (after the options and a local corpus are checked). */
    private SparkSession session() {
        if (session == null) {
            session = spark.session("elbo4j spark topics fit");
        }
        return session;
    }
}
