package org.elbo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./elbo4j} launcher at the repository root: it hides the JVM's incubator warning and
 * passes everything else on unchanged, in order, with the exit code.
 *
 * <p>It runs on this test's class path ({@code ELBO4J_CLASSPATH}) and JDK ({@code ELBO4J_JAVA}), so it
 * needs no jar and no build: on a fresh clone {@code mvn test} runs before {@code package}. The
 * filter itself is also tested with a stand-in for {@code java} (a shell script), which prints the
 * warning among many other lines and exits with a code of its own.
 */
class LauncherTest {

    private static final String WARNING = "WARNING: Using incubator modules: jdk.incubator.vector";
    private static final Path LAUNCHER = Path.of(System.getProperty("user.dir")).resolve("../elbo4j").normalize();

    @TempDir
    Path tmp;

    /** What a finished launcher printed and returned. */
    record Run(int exitCode, String out, String err) {
    }

    private ProcessBuilder launcher(Map<String, String> env, String... args) throws IOException {
        assertTrue(Files.isExecutable(LAUNCHER), "no launcher at " + LAUNCHER);
        List<String> command = new ArrayList<>();
        command.add(LAUNCHER.toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        Path tmpdir = Files.createDirectories(tmp.resolve("tmpdir"));
        pb.environment().put("TMPDIR", tmpdir.toString());
        pb.environment().put("ELBO4J_JAVA", System.getProperty("java.home"));
        pb.environment().put("ELBO4J_CLASSPATH", System.getProperty("java.class.path"));
        pb.environment().remove("ELBO4J_JAVA_OPTS");
        pb.environment().putAll(env);
        return pb;
    }

    private Run run(Map<String, String> env, String stdin, String... args) throws Exception {
        Process p = launcher(env, args).start();
        CompletableFuture<String> out = read(p.getInputStream());
        CompletableFuture<String> err = read(p.getErrorStream());
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the launcher did not finish");
        Run run = new Run(p.exitValue(), out.get(), err.get());
        try (Stream<Path> left = Files.list(tmp.resolve("tmpdir"))) {
            assertEquals(List.of(), left.toList(), "the launcher left its named pipe behind");
        }
        return run;
    }

    private static CompletableFuture<String> read(InputStream s) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(s.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void versionWithoutTheIncubatorWarning() throws Exception {
        Run r = run(Map.of(), "", "--version");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err(), "stderr");
        assertTrue(r.out().startsWith("elbo4j ") && r.out().contains("JDK " + Runtime.version()), r.out());
        assertEquals(1, r.out().lines().count(), r.out());
    }

    @Test
    void userErrorIsOneLineAndExitCode2() throws Exception {
        Run r = run(Map.of(), "", "kl", "--p", "Normal(0, -1)", "--q", "Normal(0, 1)");
        assertEquals(2, r.exitCode(), r.err());
        assertEquals("", r.out());
        assertEquals("elbo4j: --p: Normal: scale must be finite and > 0, got -1.0\n", r.err());
    }

    @Test
    void usageErrorLinesArriveInOrder() throws Exception {
        Run r = run(Map.of(), "", "fit", "--model", "linear");
        assertEquals(2, r.exitCode(), r.err());
        assertEquals("elbo4j: Missing required option: '--data=FILE.csv'\n"
                + "Try 'elbo4j fit --help' for more information.\n", r.err());
    }

    @Test
    void jsonOnStdoutIsUntouched() throws Exception {
        Run r = run(Map.of(), "", "logprob", "--dist", "Normal(0, 1)", "--x", "0");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().matches("\\{\"log_prob\": -0\\.918938\\d*}\n"), r.out());
    }

    @Test
    void theJvmsOwnErrorsGetThroughWithTheirExitCode() throws Exception {
        Run r = run(Map.of("ELBO4J_JAVA_OPTS", "-XX:+NoSuchOption"), "", "--version");
        assertEquals(1, r.exitCode(), r.err());
        assertEquals("", r.out());
        assertEquals("Unrecognized VM option 'NoSuchOption'\n"
                + "Error: Could not create the Java Virtual Machine.\n"
                + "Error: A fatal exception has occurred. Program will exit.\n", r.err());
    }

    /** A stand-in for {@code bin/java}: answers the launcher's version probe, then runs {@code body}. */
    private Path fakeJava(String body) throws IOException {
        Path home = tmp.resolve("jdk");
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n"
                + "case \"$*\" in *-XshowSettings:properties*)"
                + " echo '    java.specification.version = 17' >&2; exit 0;; esac\n" + body);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    /**
     * The JDK's version comes from its {@code release} file when it has one: the launcher does not
     * start the JVM to ask (0.11 s per JDK on the machine, every run), so the stand-in's probe is never run.
     */
    @Test
    void theJdkVersionIsReadFromItsReleaseFile() throws Exception {
        Path probed = tmp.resolve("probed");
        Path home = tmp.resolve("jdk");
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n"
                + "case \"$*\" in *-XshowSettings:properties*) touch '" + probed + "'; exit 1;; esac\n"
                + "echo ran\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"21.0.4\"\n");
        Run r = run(Map.of("ELBO4J_JAVA", home.toString()), "", "anything");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("ran\n", r.out());
        assertTrue(Files.notExists(probed), "the launcher started the JVM to ask its version");
    }

    @Test
    void onlyTheExactWarningLineIsDropped() throws Exception {
        Path home = fakeJava("echo '" + WARNING + "' >&2\n"
                + "i=1; while [ $i -le 500 ]; do echo \"err $i\" >&2; echo \"out $i\"; i=$((i+1)); done\n"
                + "echo '" + WARNING + ", jdk.incubator.other' >&2\n"
                + "echo '  " + WARNING + "' >&2\n"
                + "echo '" + WARNING + "'\n"
                + "cat\n"
                + "printf 'no newline at the end' >&2\n"
                + "exit 7\n");
        Run r = run(Map.of("ELBO4J_JAVA", home.toString()), "from stdin\n", "anything");
        assertEquals(7, r.exitCode());
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        for (int i = 1; i <= 500; i++) {
            out.append("out ").append(i).append('\n');
            err.append("err ").append(i).append('\n');
        }
        out.append(WARNING).append('\n').append("from stdin\n");
        err.append(WARNING).append(", jdk.incubator.other\n").append("  ").append(WARNING).append('\n')
                .append("no newline at the end");
        assertEquals(out.toString(), r.out(), "stdout is java's own, with stdin passed on");
        assertEquals(err.toString(), r.err(), "stderr: every other line, in order");
    }

    @Test
    void signalsToTheLauncherReachJava() throws Exception {
        for (String signal : List.of("TERM", "INT")) {
            Path pidFile = tmp.resolve("pid-" + signal);
            Path home = fakeJava("echo $$ > '" + pidFile + "'\n"
                    + "trap 'echo got " + signal + " >&2; exit 99' " + signal + "\n"
                    + "echo ready >&2\n"
                    + "while :; do sleep 0.05; done\n");
            Process p = launcher(Map.of("ELBO4J_JAVA", home.toString()), "anything").start();
            CompletableFuture<String> err = read(p.getErrorStream());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!(Files.exists(pidFile) && Files.size(pidFile) > 0) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(200); // the launcher sets its traps right after starting java
            long java = Long.parseLong(Files.readString(pidFile).trim());
            try {
                Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start();
                assertEquals(0, kill.waitFor());
                assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher did not end after " + signal);
                assertEquals(99, p.exitValue(), "java's exit code after " + signal);
                assertEquals("ready\ngot " + signal + "\n", err.get());
                assertFalse(ProcessHandle.of(java).map(ProcessHandle::isAlive).orElse(false),
                        "java outlived the launcher");
            } finally { // a launcher that lost its java must not leave it running
                ProcessHandle.of(java).ifPresent(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
    }
}
