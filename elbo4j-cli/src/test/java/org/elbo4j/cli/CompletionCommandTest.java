package org.elbo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code elbo4j completion bash|zsh}: the script has a completion function for every command that
 * offers exactly its subcommands and options, and bash completes with it.
 */
class CompletionCommandTest {

    @TempDir
    Path tmp;

    private static String script(String shell) {
        CommandLine root = Main.commandLine();
        StringWriter out = new StringWriter();
        root.setOut(new PrintWriter(out, true));
        assertEquals(0, root.execute("completion", shell));
        return out.toString();
    }

    /** The words of {@code local NAME="..."} in the completion function of {@code spec}. */
    private static Set<String> words(String script, CommandSpec spec, String name) {
        String function = "_picocli_" + spec.qualifiedName("_");
        int start = script.indexOf("function " + function + "() {");
        assertTrue(start >= 0, "no completion function " + function);
        String body = script.substring(start, script.indexOf("\n}\n", start));
        Matcher m = Pattern.compile("local " + name + "=\"([^\"]*)\"").matcher(body);
        assertTrue(m.find(), function + " has no " + name);
        Set<String> words = new TreeSet<>(Arrays.asList(m.group(1).trim().split(" +")));
        words.remove("");
        return words;
    }

    @Test
    void everyCommandOffersExactlyItsSubcommandsAndOptions() {
        String script = script("bash");
        int commands = 0;
        for (CommandLine cl : HelpConventionTest.tree(Main.commandLine())) {
            CommandSpec spec = cl.getCommandSpec();
            Set<String> flags = new TreeSet<>();
            Set<String> withValues = new TreeSet<>();
            for (OptionSpec o : spec.options()) {
                (o.arity().max() == 0 ? flags : withValues).addAll(Arrays.asList(o.names()));
            }
            Set<String> subcommands = new TreeSet<>(cl.getSubcommands().keySet());
            if (spec.helpCommand()) { // "elbo4j help <TAB>" offers the commands it can explain
                subcommands.addAll(spec.parent().subcommands().keySet());
                subcommands.remove(spec.name());
            }
            assertEquals(subcommands, words(script, spec, "commands"), spec.qualifiedName());
            assertEquals(flags, words(script, spec, "flag_opts"), spec.qualifiedName());
            assertEquals(withValues, words(script, spec, "arg_opts"), spec.qualifiedName());
            commands++;
        }
        assertTrue(commands >= 14, "commands: " + commands);
        // and what they are, spelled out for the commands users meet first
        CommandSpec fit = Main.commandLine().getSubcommands().get("fit").getCommandSpec();
        assertTrue(words(script, fit, "arg_opts").containsAll(List.of("--model", "--data", "--guide", "--steps",
                "--out", "--prior-scale", "--evidence-samples")));
        assertTrue(words(script, fit, "flag_opts").containsAll(List.of("--psis", "--stl", "--help")));
        assertEquals(Set.of("demo", "vae", "fit", "logprob", "kl", "mle", "bench", "info", "completion", "help",
                "topics", "mixture", "ppca", "predict", "spark"),
                words(script, Main.commandLine().getCommandSpec(), "commands"));
    }

    @Test
    void zshGetsTheSameScriptWhichLoadsBashcompinit() {
        String bash = script("bash");
        assertEquals(bash, script("zsh"));
        assertTrue(bash.contains("autoload -U +X bashcompinit && bashcompinit"));
        assertTrue(bash.contains("complete -F _complete_elbo4j"));
    }

    @Test
    void bashCompletesWithIt() throws IOException, InterruptedException {
        Path file = tmp.resolve("elbo4j.bash");
        Files.writeString(file, script("bash"));
        assertEquals(List.of("--guide"), complete(file, "elbo4j", "fit", "--gu"));
        assertEquals(List.of("vae"), complete(file, "elbo4j", "va"));
        assertEquals(List.of("train"), complete(file, "elbo4j", "vae", "tr"));
        assertEquals(List.of("bash", "zsh"), complete(file, "elbo4j", "completion", ""));
        assertEquals(List.of("--samples", "--seed"), complete(file, "elbo4j", "kl", "--s"));
    }

    /** What bash offers for the last word, with the script sourced. */
    private static List<String> complete(Path script, String... words) throws IOException, InterruptedException {
        StringBuilder array = new StringBuilder();
        for (String w : words) {
            array.append(" '").append(w).append('\'');
        }
        String line = String.join(" ", words);
        String program = "source '" + script + "'\n"
                + "COMP_WORDS=(" + array + ")\n"
                + "COMP_CWORD=" + (words.length - 1) + "\n"
                + "COMP_LINE='" + line + "'\n"
                + "COMP_POINT=" + line.length() + "\n"
                + "_complete_elbo4j 2>/dev/null\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Process p = new ProcessBuilder("bash", "-c", program).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        List<String> offered = new ArrayList<>(out.lines().filter(s -> !s.isEmpty()).toList());
        offered.sort(null);
        return offered;
    }
}
