package org.elbo4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.elbo4j.io.Json;
import org.elbo4j.random.Rng;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code elbo4j spark ...} through {@link Main}, in the test JVM's local[2] session (the commands
 * leave a session they did not start running).
 */
class SparkCommandTest {

    @TempDir
    static Path tmp;
    private static Path images;
    private static Path table;
    private static Path linear;

    /** What a run printed and returned. */
    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** n rows x1,x2,y of y ~ Bernoulli(sigmoid(0.5 + x1 - x2)), x uniform on [-1, 1]^2, with a header line. */
    static String logisticCsv(Rng r, int n) {
        StringBuilder t = new StringBuilder("x1,x2,y\n");
        for (int i = 0; i < n; i++) {
            double a = 2 * r.nextDouble() - 1;
            double b = 2 * r.nextDouble() - 1;
            double y = r.nextDouble() < 1 / (1 + Math.exp(-(0.5 + a - b))) ? 1 : 0;
            t.append(a).append(',').append(b).append(',').append((int) y).append('\n');
        }
        return t.toString();
    }

    @BeforeAll
    static void data() throws IOException {
        org.elbo4j.spark.LocalSparkAccess.session();
        Rng r = Rng.of(5);
        StringBuilder img = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            for (int j = 0; j < 6; j++) {
                img.append(j == 0 ? "" : ",").append((float) r.nextDouble());
            }
            img.append('\n');
        }
        images = tmp.resolve("images.csv");
        Files.writeString(images, img);
        table = tmp.resolve("table.csv");
        Files.writeString(table, logisticCsv(r, 80));
        StringBuilder lin = new StringBuilder("x1,x2,y\n");
        for (int i = 0; i < 80; i++) {
            double a = 2 * r.nextDouble() - 1;
            double b = 2 * r.nextDouble() - 1;
            lin.append(a).append(',').append(b).append(',').append(0.5 + a - b + 0.3 * (r.nextDouble() - 0.5))
                    .append('\n');
        }
        linear = tmp.resolve("linear.csv");
        Files.writeString(linear, lin);
    }

    private static String[] vae(Path out, int epochs, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("spark", "vae", "train", "--data", images.toString(),
                "--epochs", String.valueOf(epochs), "--out", out.toString(), "--hidden", "5", "--latent", "2",
                "--batch", "8", "--lr", "0.01", "--master", "local[2]"));
        args.addAll(List.of(more));
        return args.toArray(new String[0]);
    }

    /** Two epochs in one run and one epoch plus --resume give the same checkpoint, byte for byte. */
    @Test
    void vaeTrainResumesToTheSameCheckpoint() throws IOException {
        resumeMatchesWhole("sync");
    }

    /**
     * {@code --antithetic} (with K = 2) is accepted, saved with the run and kept by --resume
     * (given without it): the same checkpoint byte for byte.
     */
    @Test
    void antitheticNoiseIsSavedAndResumes() throws IOException {
        resumeMatchesWhole("anti", "--k", "2", "--antithetic");
        String config = Files.readString(tmp.resolve("anti-whole").resolve("config.json"));
        assertTrue(config.contains("\"antithetic\": true"), config);
    }

    /**
     * Averaging mode on 2 partitions: the same resume guarantee; the mode and the partition count
     * are saved with the run, and resuming on another partitioning (averaging depends on it) is refused.
     */
    @Test
    void averagingResumesToTheSameCheckpoint() throws IOException {
        resumeMatchesWhole("avg", "--partitions", "2", "--sync", "average", "--average-every", "2");
        Path split = tmp.resolve("avg-split");
        String metrics = Files.readString(split.resolve("metrics.json"));
        assertTrue(metrics.contains("\"sync\": \"average\"") && metrics.contains("\"partitions\": 2"), metrics);
        byte[] before = Files.readAllBytes(split.resolve("model.safetensors"));
        Run other = run(vae(split, 3, "--resume", "--partitions", "3"));
        assertEquals(2, other.code());
        assertTrue(other.err().contains("trained on 2 partitions"), other.err());
        assertArrayEquals(before, Files.readAllBytes(split.resolve("model.safetensors")));
    }

    /**
     * Runs 2 epochs into NAME-whole, 1 and then 1 more with --resume into NAME-split (the same
     * --partitions, if {@code mode} starts with it); the same files.
     */
    private static void resumeMatchesWhole(String name, String... mode) throws IOException {
        Path whole = tmp.resolve(name + "-whole");
        Path split = tmp.resolve(name + "-split");
        Run a = run(vae(whole, 2, mode));
        assertEquals(0, a.code(), a.err());
        assertEquals(0, run(vae(split, 1, mode)).code());
        String[] again = mode.length > 0 ? new String[] {"--resume", mode[0], mode[1]} : new String[] {"--resume"};
        Run b = run(vae(split, 2, again));
        assertEquals(0, b.code(), b.err());
        for (String file : List.of("model.safetensors", "optimizer.safetensors")) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(file)), Files.readAllBytes(split.resolve(file)), file);
        }
        assertTrue(Files.readString(whole.resolve("metrics.json")).contains("\"train_elbo\""));
    }

    /**
     * With a test set, {@code spark vae train} on one partition writes what {@code vae train} writes
     * on the same split (its CSV input: the first 36 rows train, the last 4 test): the same model
     * bit for bit, the same test ELBO and IWAE estimate, and the pictures and report.
     */
    @Test
    void vaeTrainWritesTheFinalFilesOfTheLocalCommand() throws IOException {
        List<String> lines = Files.readAllLines(images);
        Path train = tmp.resolve("train36.csv");
        Path test = tmp.resolve("test4.csv");
        Files.write(train, lines.subList(0, 36));
        Files.write(test, lines.subList(36, 40));
        Path local = tmp.resolve("final-local");
        Path dist = tmp.resolve("final-spark");
        String[] model = {"--epochs", "1", "--hidden", "5", "--latent", "2", "--batch", "8", "--lr", "0.01"};
        List<String> l = new java.util.ArrayList<>(List.of("vae", "train", "--data", images.toString(), "--out",
                local.toString()));
        l.addAll(List.of(model));
        assertEquals(0, run(l.toArray(new String[0])).code());
        List<String> s = new java.util.ArrayList<>(List.of("spark", "vae", "train", "--data", train.toString(),
                "--test", test.toString(), "--out", dist.toString(), "--master", "local[2]", "--partitions", "1"));
        s.addAll(List.of(model));
        Run r = run(s.toArray(new String[0]));
        assertEquals(0, r.code(), r.err());
        assertArrayEquals(Files.readAllBytes(local.resolve("model.safetensors")),
                Files.readAllBytes(dist.resolve("model.safetensors")));
        for (String file : List.of("samples.png", "reconstructions.png", "elbo.png", "report.html")) {
            assertTrue(Files.size(dist.resolve(file)) > 0, file);
        }
        Map<?, ?> a = (Map<?, ?>) ((Map<?, ?>) Json.parse(Files.readString(local.resolve("metrics.json")))).get("test");
        Map<?, ?> b = (Map<?, ?>) ((Map<?, ?>) Json.parse(Files.readString(dist.resolve("metrics.json")))).get("test");
        for (String key : List.of("elbo", "iwae", "iwae_stderr", "iwae_n", "active_units")) {
            assertEquals(a.get(key), b.get(key), key);
        }
        assertArrayEquals(Files.readAllBytes(local.resolve("samples.png")), Files.readAllBytes(dist.resolve("samples.png")));
    }

    /** {@code spark fit} writes the fit.json of the local {@code fit}: the same posterior to 1e-6 relative. */
    @Test
    void fitEqualsTheLocalFit() throws IOException {
        compareFits("logistic", table, 1e-6, 1e-6);
    }

    /**
     * {@code spark fit --model linear} against the local {@code fit --model linear}: both run the
     * double-precision code of {@code LinearRegression} with its exact Hessian, the sums in another
     * order: 1e-6 relative, k̂ and the ESS included.
     */
    @Test
    void linearFitAgreesWithTheLocalFit() throws IOException {
        compareFits("linear", linear, 1e-6, 1e-6, "--noise-prior", "lognormal", "--noise-prior-scale", "0.8");
    }

    /**
     * {@code spark fit --batch 20} against {@code fit --batch 20}: the same batches (drawn from the
     * seed and the step), each summed on the partitions holding its rows: 1e-6 relative.
     */
    @Test
    void minibatchFitsAgreeWithTheLocalFit() throws IOException {
        compareFits("logistic", table, 1e-6, 1e-6, "--batch", "20");
        compareFits("linear", linear, 1e-6, 1e-6, "--batch", "20");
    }

    /**
     * {@code spark fit --optimizer natural} against {@code fit --optimizer natural}: the same exact
     * steps with the sums in another order: 1e-9 relative (1e-6 for k̂ and the ESS).
     */
    @Test
    void naturalFitsAgreeWithTheLocalFit() throws IOException {
        compareFits("logistic", table, 1e-9, 1e-6, "--optimizer", "natural");
        for (String[] bad : new String[][] {{"linear", "fullrank"}, {"logistic", "meanfield"},
            {"logistic", "fullrank", "--batch", "20"}}) {
            List<String> a = new java.util.ArrayList<>(List.of("spark", "fit", "--model", bad[0], "--data",
                    table.toString(), "--guide", bad[1], "--optimizer", "natural", "--master", "local[2]"));
            a.addAll(List.of(bad).subList(2, bad.length));
            Run r = run(a.toArray(new String[0]));
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains("--optimizer natural"), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
    }

    /** A constant predictor and a separating one are rejected with the local command's message, exit 2. */
    @Test
    void theLocalInputChecksRun() throws IOException {
        Path constant = tmp.resolve("constant.csv");
        Files.writeString(constant, "x1,x2,y\n1,0.5,0\n2,0.5,1\n3,0.5,0\n4,0.5,1\n");
        Path separating = tmp.resolve("separating.csv");
        Files.writeString(separating, "x1,x2,y\n1,0.5,0\n2,0.1,0\n3,0.7,1\n4,0.2,1\n");
        for (String model : List.of("logistic", "linear")) {
            Run local = run("fit", "--model", model, "--data", constant.toString());
            Run dist = run("spark", "fit", "--model", model, "--data", constant.toString(), "--master", "local[2]",
                    "--partitions", "2");
            assertEquals(2, dist.code(), dist.err());
            assertTrue(dist.err().contains("column 'x2' is constant (every value is 0.5)"), dist.err());
            assertEquals(local.err().strip(), dist.err().strip());
        }
        Run local = run("fit", "--model", "logistic", "--data", separating.toString());
        Run dist = run("spark", "fit", "--model", "logistic", "--data", separating.toString(), "--master", "local[2]",
                "--partitions", "2");
        assertEquals(2, dist.code(), dist.err());
        assertTrue(dist.err().contains("column 'x1' separates 'y' perfectly (y = 1 exactly when x1 > 2.5)"),
                dist.err());
        assertEquals(local.err().strip(), dist.err().strip());
        assertEquals(1, dist.err().strip().lines().count(), dist.err());
        assertEquals(0, run("spark", "fit", "--model", "linear", "--data", separating.toString(), "--master",
                "local[2]", "--steps", "5", "--evidence-samples", "0").code());
    }

    @SuppressWarnings("unchecked")
    private static void compareFits(String model, Path data, double tolerance, double tailTolerance,
            String... more) throws IOException {
        List<String> common = new java.util.ArrayList<>(List.of("--model", model, "--data", data.toString(), "--guide",
                "fullrank", "--steps", "20", "--evidence-samples", "100", "--seed", "3"));
        common.addAll(List.of(more));
        Path local = tmp.resolve("fit-local-" + model);
        Path dist = tmp.resolve("fit-spark-" + model);
        List<String> l = new java.util.ArrayList<>(List.of("fit"));
        l.addAll(common);
        l.addAll(List.of("--out", local.toString()));
        assertEquals(0, run(l.toArray(new String[0])).code());
        List<String> s = new java.util.ArrayList<>(List.of("spark", "fit"));
        s.addAll(common);
        s.addAll(List.of("--out", dist.toString(), "--master", "local[2]", "--partitions", "2"));
        Run r = run(s.toArray(new String[0]));
        assertEquals(0, r.code(), r.err());
        Map<String, Object> a = (Map<String, Object>) Json.parse(Files.readString(local.resolve("fit.json")));
        Map<String, Object> b = (Map<String, Object>) Json.parse(Files.readString(dist.resolve("fit.json")));
        java.util.Set<String> keys = new java.util.LinkedHashSet<>(a.keySet());
        keys.add("timings");   // spark fit's only: where the time went
        assertEquals(keys, b.keySet());
        Map<String, Object> timings = (Map<String, Object>) b.get("timings");
        assertEquals(java.util.Set.of("jvm", "session", "read", "fit", "stop"),
                ((Map<String, Object>) timings.get("seconds")).keySet());
        assertTrue(((Map<String, Object>) timings.get("fit_jobs")).containsKey("log densities"), timings.toString());
        for (String key : List.of("posterior", "log_evidence", "khat", "ess", "elbo", "steps")) {
            assertTrue(a.get(key) != null, key);
            compare(a.get(key), b.get(key), key, key.equals("khat") || key.equals("ess") ? tailTolerance : tolerance);
        }
        for (String key : List.of("verdict", "predictors", "posterior_source", "model", "guide")) {
            assertEquals(a.get(key), b.get(key), key);
        }
    }

    /** Numbers in the same JSON structure agree to {@code tol} relative (1e-9 absolute near 0). */
    @SuppressWarnings("unchecked")
    private static void compare(Object a, Object b, String where, double tol) {
        if (a instanceof Number x) {
            double u = x.doubleValue();
            double v = ((Number) b).doubleValue();
            assertEquals(u, v, tol * Math.abs(u) + 1e-9, where);
        } else if (a instanceof Map<?, ?> m) {
            for (Object k : m.keySet()) {
                compare(m.get(k), ((Map<Object, Object>) b).get(k), where + "." + k, tol);
            }
        } else if (a instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                compare(list.get(i), ((List<Object>) b).get(i), where + "[" + i + "]", tol);
            }
        }
    }

    @Test
    void badInputIsOneLineWithExitTwo() throws IOException {
        Path out = tmp.resolve("bad");
        Run missing = run(vae(out, 1, "--column", "pixels"));
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no column 'pixels'"), missing.err());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
        Path nan = tmp.resolve("nan.csv");
        Files.writeString(nan, "0.1,0.2\n0.3,NaN\n");
        Run bad = run("spark", "vae", "train", "--data", nan.toString(), "--out", out.toString(), "--master", "local[2]");
        assertEquals(2, bad.code());
        // NaN is not a number under the CSV readers' one rule (io.CsvTable), as locally
        assertTrue(bad.err().contains("row 1 of partition 0 has a null or non-numeric value at 1"), bad.err());
        Run master = run("spark", "fit", "--model", "logistic", "--data", table.toString(), "--master",
                "spark://127.0.0.1:1");
        assertEquals(2, master.code());
        assertTrue(master.err().contains("cannot reach the Spark master"), master.err());
        Run prior = run("spark", "fit", "--model", "linear", "--data", linear.toString(), "--noise-prior", "cauchy");
        assertEquals(2, prior.code());
        assertTrue(prior.err().contains("--noise-prior: expected halfnormal or lognormal"), prior.err());
        assertEquals(1, prior.err().strip().lines().count(), prior.err());
        Run known = run("spark", "fit", "--model", "linear", "--data", linear.toString(), "--noise-scale", "1");
        assertEquals(2, known.code());
        assertTrue(known.err().contains("--noise-scale: on Spark"), known.err());
        Run scale = run("spark", "fit", "--model", "linear", "--data", linear.toString(), "--noise-prior-scale", "-1",
                "--master", "local[2]", "--out", out.toString());
        assertEquals(2, scale.code());
        assertTrue(scale.err().contains("noisePriorScale"), scale.err());
        assertEquals(1, scale.err().strip().lines().count(), scale.err());
        Run sync = run(vae(out, 1, "--sync", "sometimes"));
        assertEquals(2, sync.code());
        assertTrue(sync.err().contains("--sync must be steps or average"), sync.err());
        Run binarize = run(vae(out, 1, "--binarize", "static"));
        assertEquals(2, binarize.code());
        assertTrue(binarize.err().contains("static binarization is not supported"), binarize.err());
        assertFalse(Files.exists(out.resolve("model.safetensors")));
    }

    /** The help of every spark command: a one-sentence summary, defaults shown, long option lists grouped, examples. */
    @Test
    void helpFollowsTheConventions() {
        CommandLine spark = Main.commandLine().getSubcommands().get("spark");
        assertEquals(SparkCommand.class, spark.getCommand().getClass());
        List<CommandLine> all = new java.util.ArrayList<>(List.of(spark));
        for (int i = 0; i < all.size(); i++) {
            all.addAll(all.get(i).getSubcommands().values().stream().filter(c -> c != all.get(0)).toList());
            CommandLine c = all.get(i);
            String[] description = c.getCommandSpec().usageMessage().description();
            assertTrue(description[0].endsWith(".") && !description[0].contains("\n"), c.getCommandName());
            assertTrue(c.getCommandSpec().usageMessage().footer().length > 0, c.getCommandName());
            long ungrouped = c.getCommandSpec().options().stream().filter(o -> o.group() == null).count();
            assertTrue(ungrouped <= 8 + 2, c.getCommandName() + ": " + ungrouped + " options outside groups");
            for (var o : c.getCommandSpec().options()) {
                if (o.defaultValue() != null && !o.usageHelp() && !o.versionHelp() && o.arity().max() > 0
                        && !o.negatable()) {
                    assertTrue(String.join(" ", o.description()).contains("default"), o.longestName());
                }
            }
        }
        assertTrue(all.size() >= 4);
    }
}
