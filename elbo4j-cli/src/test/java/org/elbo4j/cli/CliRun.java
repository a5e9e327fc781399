package org.elbo4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Runs one command object through picocli with the error handlers of {@link Main}, capturing
 * what it prints.
 *
 * @param exitCode the exit code
 * @param out what was printed on stdout
 * @param err what was printed on stderr
 */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(Object command, String... args) {
        CommandLine cl = new CommandLine(command);
        cl.setExecutionExceptionHandler(new Main.OneLineErrors());
        cl.setParameterExceptionHandler(new Main.OneLineUsage());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The number after {@code "key": } in the JSON output. */
    double number(String key) {
        Matcher m = Pattern.compile("\"" + key + "\": (\"?)([^,\"}\\]]+)\\1").matcher(out);
        if (!m.find()) {
            throw new AssertionError("no field " + key + " in " + out);
        }
        String v = m.group(2);
        return v.equals("Infinity") ? Double.POSITIVE_INFINITY : Double.parseDouble(v);
    }

    /** The string after {@code "key": } in the JSON output. */
    String string(String key) {
        Matcher m = Pattern.compile("\"" + key + "\": \"([^\"]*)\"").matcher(out);
        if (!m.find()) {
            throw new AssertionError("no string field " + key + " in " + out);
        }
        return m.group(1);
    }

    /** The numbers of an array field {@code "key": [a, b, …]} (flattening nested arrays). */
    double[] array(String key) {
        int start = out.indexOf("\"" + key + "\": [");
        if (start < 0) {
            throw new AssertionError("no array field " + key + " in " + out);
        }
        int depth = 0;
        int i = out.indexOf('[', start);
        int from = i;
        for (; i < out.length(); i++) {
            char c = out.charAt(i);
            depth += c == '[' ? 1 : c == ']' ? -1 : 0;
            if (depth == 0) {
                break;
            }
        }
        String[] parts = out.substring(from, i + 1).replace("[", "").replace("]", "").split(",");
        double[] values = new double[parts.length];
        for (int k = 0; k < parts.length; k++) {
            values[k] = Double.parseDouble(parts[k].trim());
        }
        return values;
    }

    /** True when stderr is exactly one line starting with "elbo4j: " and containing {@code text}. */
    boolean oneErrorLineContaining(String text) {
        String trimmed = err.strip();
        return exitCode == 2 && out.isEmpty() && trimmed.startsWith("elbo4j: ") && !trimmed.contains("\n")
                && trimmed.contains(text) && !err.contains("\tat ");
    }
}
