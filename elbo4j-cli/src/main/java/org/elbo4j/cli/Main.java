package org.elbo4j.cli;

import java.io.PrintWriter;
import org.elbo4j.tensor.kernel.Simd;
import org.elbo4j.tensor.kernel.VectorWidth;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The {@code elbo4j} command. Every error a user can cause ends here as one line on stderr
 * ({@code elbo4j: <what is wrong>}) and exit code 2; only a bug shows a stack trace (exit 1).
 */
@Command(name = "elbo4j", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Fit latent-variable models by maximising the evidence lower bound (ELBO).",
            "Every command has --help; 'elbo4j completion bash' prints a completion script for the shell."},
        footer = {"  elbo4j demo", "  elbo4j fit --model logistic --data data.csv --guide fullrank --out fit1",
            "  elbo4j help fit"},
        subcommands = {DemoCommand.class, VaeCommand.class, FitCommand.class, PredictCommand.class, TopicsCommand.class,
                MixtureCommand.class, PpcaCommand.class, LogprobCommand.class, KlCommand.class, MleCommand.class,
                BenchCommand.class, InfoCommand.class, CompletionCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** Exit code for bad input (arguments, files, values). */
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line and returns the exit code. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line (for tests: set its out/err writers). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.addSubcommand(SparkMissingCommand.sparkCommand());
        cl.setExecutionExceptionHandler(new OneLineErrors());
        cl.setParameterExceptionHandler(new OneLineUsage());
        return HelpLayout.apply(cl);
    }

    public static void main(String[] args) {
        reportOutOfMemory();
        int code;
        try {
            code = execute(args);
        } catch (OutOfMemoryError e) {
            System.err.println(OUT_OF_MEMORY);
            code = 1;
        }
        System.exit(code);
    }

    /** Turns a user error thrown by a command into one line and exit code 2. */
    static final class OneLineErrors implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) throws Exception {
            if (ex instanceof UserError || ex instanceof IllegalArgumentException
                    || ex instanceof java.io.IOException) {
                PrintWriter err = cmd.getErr();
                err.println("elbo4j: " + oneLine(ex.getMessage() == null ? ex.toString() : ex.getMessage()));
                err.flush();
                return EXIT_USAGE;
            }
            throw ex;
        }
    }

    /** The message printed when the JVM runs out of heap: how to give it more. */
    static final String OUT_OF_MEMORY = "elbo4j: out of memory (the Java heap is full); run again with more heap,"
            + " e.g. ELBO4J_JAVA_OPTS=\"-Xmx4g\" ./elbo4j ...";

    /** Prints {@link #OUT_OF_MEMORY} and exits with 1 when the heap runs out on any thread. */
    static void reportOutOfMemory() {
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            if (e instanceof OutOfMemoryError) {
                System.err.println(OUT_OF_MEMORY);
                Runtime.getRuntime().halt(1);
            }
            e.printStackTrace();
        });
    }

    /** Reports a bad option or argument in one line (plus a hint) and exit code 2. */
    static final class OneLineUsage implements IParameterExceptionHandler {
        @Override
        public int handleParseException(ParameterException ex, String[] args) {
            CommandLine cmd = ex.getCommandLine();
            PrintWriter err = cmd.getErr();
            err.println("elbo4j: " + oneLine(ex.getMessage()));
            err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
            err.flush();
            return EXIT_USAGE;
        }
    }

    static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ').trim();
    }

    /**
     * One line: the version from the jar manifest (or "dev"), the JDK and the vector width the
     * kernels use, e.g. {@code elbo4j 0.1.0, JDK 25.0.1+8-LTS, vectors 512-bit (16 float lanes)}.
     */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"elbo4j " + number() + ", JDK " + Runtime.version() + ", vectors " + vectors()};
        }

        /** {@link VectorWidth#describe()}, or that the kernels are scalar by choice although vectors exist. */
        static String vectors() {
            return !Simd.enabled() && VectorWidth.bits() > 0 ? "scalar (elbo4j.simd=false)" : VectorWidth.describe();
        }

        /** The version number alone. */
        static String number() {
            String v = Main.class.getPackage().getImplementationVersion();
            return v == null ? "dev" : v;
        }
    }
}
