import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.clustering.LDA;
import org.apache.spark.ml.clustering.LDAModel;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.elbo4j.spark.SparkLdaCorpus;
import org.elbo4j.spark.SparkOnlineLda;
import org.elbo4j.topics.Corpus;
import org.elbo4j.topics.LdaConfig;
import org.elbo4j.topics.LdaFit;
import org.elbo4j.topics.UciBagOfWords;

/**
 * Online LDA side by side in one Spark session (bench/compare_spark_lda.sh; not a test): elbo4j's
 * SparkOnlineLda and MLlib's LDA (optimizer "online") on the same cached DataFrame of sparse
 * term-count vectors, the same K, alpha = eta = 1/K fixed, tau0 = 10, kappa = 0.7, and the same
 * number of documents seen (PASSES * D: MLlib runs ceil(D / BATCH) * PASSES iterations with
 * subsamplingRate BATCH / D), after an untimed warm-up of both on 2 * BATCH documents. Writes both lambdas (K rows of V) and the wall times to WORKDIR.
 *   java -cp elbo4j-spark.jar:SPARK SparkLdaBench.java WORKDIR K PASSES BATCH MASTER PARTITIONS
 */
public class SparkLdaBench {

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int k = Integer.parseInt(args[1]);
        int passes = Integer.parseInt(args[2]);
        int batch = Integer.parseInt(args[3]);
        String master = args[4];
        int partitions = Integer.parseInt(args[5]);
        Corpus c = UciBagOfWords.read(work.resolve("train/docword.txt"), work.resolve("train/vocab.txt")).corpus();
        int d = c.docs();
        int v = c.vocabSize();
        SparkSession spark = SparkSession.builder().master(master).appName("elbo4j spark lda bench")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        List<Row> rows = new ArrayList<>(d);
        for (int doc = 0; doc < d; doc++) {
            int n = c.end(doc) - c.start(doc);
            int[] ids = new int[n];
            double[] counts = new double[n];
            for (int i = 0; i < n; i++) {
                ids[i] = c.wordId(c.start(doc) + i);
                counts[i] = c.count(c.start(doc) + i);
            }
            rows.add(RowFactory.create(Vectors.sparse(v, ids, counts)));
        }
        Dataset<Row> frame = spark.createDataFrame(rows, new StructType().add("features", new VectorUDT(), false))
                .repartition(partitions).cache();
        frame.count();

        // warm-up, not timed: both fits once on the first 2 batches' documents, one pass
        Dataset<Row> head = frame.limit(Math.min(d, 2 * batch)).cache();
        head.count();
        elbo4j(head, k, 1, batch, partitions);
        mllib(head, k, 1, batch, (int) head.count());
        head.unpersist();

        long t0 = System.nanoTime();
        LdaFit fit = elbo4j(frame, k, passes, batch, partitions);
        double elboSeconds = (System.nanoTime() - t0) * 1e-9;
        int iterations = (int) Math.ceil((double) d / batch) * passes;
        t0 = System.nanoTime();
        LDAModel model = mllib(frame, k, passes, batch, d);
        double mllibSeconds = (System.nanoTime() - t0) * 1e-9;
        // the document-topic distributions of every training document, which elbo4j's fit includes
        int rowsOut = model.transform(frame).select("topicDistribution").collectAsList().size();
        double mllibWithThetaSeconds = (System.nanoTime() - t0) * 1e-9;

        Matrix topics = model.topicsMatrix();
        double[] elbo = fit.model().lambda();
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        for (int t = 0; t < k; t++) {
            for (int w = 0; w < v; w++) {
                a.append(w == 0 ? "" : " ").append(elbo[t * v + w]);
                b.append(w == 0 ? "" : " ").append(topics.apply(w, t));
            }
            a.append('\n');
            b.append('\n');
        }
        Files.writeString(work.resolve("elbo4j_spark_lambda.txt"), a);
        Files.writeString(work.resolve("mllib_lambda.txt"), b);
        Files.writeString(work.resolve("spark_times.json"), String.format(Locale.ROOT,
                "{\"elbo4j_seconds\": %.3f, \"mllib_seconds\": %.3f, \"mllib_with_theta_seconds\": %.3f, \"docs\": %d, \"vocab\": %d, \"k\": %d,"
                        + " \"passes\": %d, \"batch\": %d, \"mllib_iterations\": %d, \"master\": \"%s\","
                        + " \"partitions\": %d}%n",
                elboSeconds, mllibSeconds, mllibWithThetaSeconds, d, v, k, passes, batch, iterations, master, partitions));
        System.out.printf(Locale.ROOT, "elbo4j-spark %.1f s, MLlib %.1f s (%.1f s with theta of %d documents)%n",
                elboSeconds, mllibSeconds, mllibWithThetaSeconds, rowsOut);
        spark.stop();
    }

    /** elbo4j: the documents dealt to the partitions and cached, then the fit (gamma of every document included). */
    static LdaFit elbo4j(Dataset<Row> frame, int k, int passes, int batch, int partitions) {
        double prior = 1.0 / k;
        SparkLdaCorpus docs = SparkLdaCorpus.of(frame, "features", partitions);
        try {
            return SparkOnlineLda.fit(docs, null, LdaConfig.of(k).withPasses(passes).withBatchSize(batch)
                    .withAlpha(prior, false, false).withEta(prior, false).withLearningRate(10, 0.7).withSeed(1), null);
        } finally {
            docs.release();
        }
    }

    /** MLlib: ceil(D / batch) * passes iterations, each on a Bernoulli sample of batch / D of the documents. */
    static LDAModel mllib(Dataset<Row> frame, int k, int passes, int batch, int d) {
        double prior = 1.0 / k;
        int iterations = (int) Math.ceil((double) d / batch) * passes;
        return new LDA().setK(k).setOptimizer("online").setMaxIter(iterations)
                .setSubsamplingRate(Math.min(1.0, (double) batch / d)).setDocConcentration(prior)
                .setTopicConcentration(prior).setOptimizeDocConcentration(false).setLearningOffset(10)
                .setLearningDecay(0.7).setSeed(1).setFeaturesCol("features").fit(frame);
    }
}
