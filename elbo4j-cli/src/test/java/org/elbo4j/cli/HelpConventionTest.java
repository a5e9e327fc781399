package org.elbo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.elbo4j.tensor.kernel.Simd;
import org.elbo4j.tensor.kernel.VectorWidth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The usage help of every command registered in {@link Main} (so also of every future one) follows
 * the convention of the README's "Conventions for commands": it fits 80 and 120 columns, its text is
 * paragraphs that picocli wraps (a hand-wrapped annotation fails here), verbatim blocks come out
 * unchanged, summaries are whole sentences, defaults are shown and long option lists are grouped.
 */
class HelpConventionTest {

    /** Every command line in the tree under {@code root}, root first. */
    static List<CommandLine> tree(CommandLine root) {
        List<CommandLine> all = new ArrayList<>();
        all.add(root);
        for (int i = 0; i < all.size(); i++) {
            all.addAll(all.get(i).getSubcommands().values());
        }
        return all;
    }

    private static String usage(CommandLine cl, int width) {
        cl.getCommandSpec().usageMessage().autoWidth(false).width(width);
        return cl.getUsageMessage(Help.Ansi.OFF);
    }

    /** The description and footer lines as written in the @Command annotation (picocli's help command: its model). */
    private static List<String> commandTexts(CommandLine cl) {
        Command annotation = cl.getCommand().getClass().getAnnotation(Command.class);
        List<String> texts = new ArrayList<>();
        if (cl.getCommandSpec().helpCommand()) {
            texts.addAll(Arrays.asList(cl.getCommandSpec().usageMessage().description()));
            texts.removeIf(String::isEmpty); // the layout's paragraph breaks
        } else {
            texts.addAll(Arrays.asList(annotation.description()));
        }
        texts.addAll(Arrays.asList(cl.getCommandSpec().usageMessage().footer()));
        return texts;
    }

    private static String summary(CommandLine cl) {
        return commandTexts(cl).get(0);
    }

    private static boolean verbatim(String text) {
        return text.startsWith("  ");
    }

    @ParameterizedTest
    @ValueSource(ints = {80, 120})
    void everyLineFitsTheWidth(int width) {
        for (CommandLine cl : tree(Main.commandLine())) {
            String help = usage(cl, width);
            for (String line : help.split("\\R")) {
                assertTrue(line.length() <= width, cl.getCommandSpec().qualifiedName() + " at " + width
                        + " columns has a line of " + line.length() + ":\n" + line);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {80, 120})
    void verbatimBlocksComeOutUnchanged(int width) {
        int checked = 0;
        for (CommandLine cl : tree(Main.commandLine())) {
            List<String> lines = Arrays.asList(usage(cl, width).split("\\R"));
            for (String text : commandTexts(cl)) {
                if (verbatim(text)) {
                    assertTrue(lines.contains(text.stripTrailing()), cl.getCommandSpec().qualifiedName()
                            + " at " + width + " columns re-wrapped the verbatim line\n" + text);
                    checked++;
                }
            }
            for (OptionSpec o : cl.getCommandSpec().options()) {
                for (String text : o.description()) {
                    if (verbatim(text)) {
                        assertTrue(lines.stream().anyMatch(l -> l.endsWith(text.strip())),
                                o.longestName() + " re-wrapped the verbatim line\n" + text);
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked >= 20, "verbatim lines checked: " + checked);
    }

    @ParameterizedTest
    @ValueSource(ints = {80, 100, 120})
    void paragraphsAreBrokenAtSpacesOnly(int width) {
        int checked = 0;
        for (CommandLine cl : tree(Main.commandLine())) {
            String help = usage(cl, width).replaceAll("\\s+", " ");
            List<String> texts = new ArrayList<>(commandTexts(cl));
            for (OptionSpec o : cl.getCommandSpec().options()) {
                texts.addAll(Arrays.asList(o.description()));
            }
            for (String text : texts) {
                if (!verbatim(text)) {
                    assertTrue(help.contains(text.replaceAll("\\s+", " ")), cl.getCommandSpec().qualifiedName()
                            + " at " + width + " columns broke a word of\n" + text + "\n" + usage(cl, width));
                    checked++;
                }
            }
        }
        assertTrue(checked >= 100, "paragraphs checked: " + checked);
    }

    @Test
    void wrapBreaksAtSpacesWithAHangingIndent() {
        String text = "write fit.json and elbo.png";
        assertEquals(List.of("write fit.json", "  and elbo.png"), HelpLayout.wrap(text, 14, 2));
        assertEquals(List.of("write", "  fit.json", "  and", "  elbo.png"), HelpLayout.wrap(text, 10, 2));
        assertEquals(List.of("a-very-long-word", "b"), HelpLayout.wrap("a-very-long-word b", 5, 0));
        assertEquals(List.of("one line"), HelpLayout.wrap(" one   line ", 80, 2));
    }

    @Test
    void textIsParagraphsWithoutHardLineBreaks() {
        for (CommandLine cl : tree(Main.commandLine())) {
            String name = cl.getCommandSpec().qualifiedName();
            for (String text : commandTexts(cl)) {
                assertParagraphOrVerbatim(name, text);
            }
            for (String text : cl.getCommandSpec().usageMessage().footer()) {
                assertTrue(verbatim(text), name + ": the footer holds examples, each a verbatim line: " + text);
            }
            for (OptionSpec o : cl.getCommandSpec().options()) {
                for (String text : o.description()) {
                    assertParagraphOrVerbatim(name + " " + o.longestName(), text);
                }
                assertTrue(o.description().length > 0 && o.description()[0].endsWith("."),
                        name + " " + o.longestName() + ": the description starts with a sentence");
            }
        }
    }

    private static void assertParagraphOrVerbatim(String where, String text) {
        assertFalse(text.isEmpty(), where + ": an empty line (the layout separates paragraphs itself)");
        assertFalse(text.contains("%n") || text.contains("\n") || text.contains("\r"),
                where + ": a hard line break inside a paragraph: " + text);
        if (!verbatim(text)) {
            assertTrue(text.endsWith(".") || text.endsWith(":"),
                    where + ": a paragraph that does not end a sentence (hand-wrapped?): " + text);
            assertFalse(text.startsWith(" "), where + ": a paragraph starting with one space: " + text);
        }
    }

    @Test
    void everySummaryIsOneWholeSentenceShownWholeInTheCommandList() {
        for (CommandLine cl : tree(Main.commandLine())) {
            String summary = summary(cl);
            String name = cl.getCommandSpec().qualifiedName();
            assertFalse(verbatim(summary), name + ": the summary is a sentence, not a verbatim line");
            assertTrue(summary.endsWith("."), name + ": the summary does not end with a full stop: " + summary);
            assertEquals(1, summary.split("\\. ").length, name + ": the summary is one sentence: " + summary);
            for (CommandLine sub : cl.getSubcommands().values()) {
                String list = usage(cl, 80).replaceAll("\\s+", " ");
                assertTrue(list.contains(sub.getCommandName() + " " + summary(sub)),
                        name + " lists " + sub.getCommandName() + " without its whole summary:\n" + usage(cl, 80));
            }
        }
    }

    @Test
    void defaultsAreShownAndGroupHeadingsAreTitles() {
        for (CommandLine cl : tree(Main.commandLine())) {
            CommandSpec spec = cl.getCommandSpec();
            for (OptionSpec o : spec.options()) {
                if (o.defaultValue() != null) { // ${DEFAULT-VALUE} in the annotation, replaced by picocli
                    assertTrue(String.join(" ", o.description()).contains("default: " + o.defaultValue() + ")"),
                            spec.qualifiedName() + " " + o.longestName() + " does not show its default "
                                    + o.defaultValue() + ": " + String.join(" ", o.description()));
                }
            }
            for (ArgGroupSpec g : spec.argGroups()) {
                assertTrue(g.heading() != null && g.heading().matches("[A-Z][^%]*:%n"),
                        spec.qualifiedName() + ": group heading " + g.heading());
                assertFalse(g.validate(), spec.qualifiedName() + ": groups are headings only (validate = false)");
            }
        }
    }

    @Test
    void longOptionListsAreGrouped() {
        for (CommandLine cl : tree(Main.commandLine())) {
            CommandSpec spec = cl.getCommandSpec();
            long options = spec.options().stream().filter(o -> !o.usageHelp() && !o.versionHelp()).count();
            long outside = spec.options().stream()
                    .filter(o -> !o.usageHelp() && !o.versionHelp() && o.group() == null).count();
            if (options > 8) {
                assertTrue(outside <= 4, spec.qualifiedName() + ": " + outside + " of " + options
                        + " options outside groups");
            }
        }
    }

    @Test
    void fitHelpLeadsWithWhatToFitAndEndsWithExamples() {
        CommandLine fit = Main.commandLine().getSubcommands().get("fit");
        String help = usage(fit, 80);
        List<String> lines = Arrays.asList(help.split("\\R"));
        assertEquals("Usage: elbo4j fit --data=FILE.csv [OPTIONS]", lines.get(0));
        assertEquals("", lines.get(1));
        assertEquals("Fit the posterior of a Bayesian model to the rows of a CSV file and report it.", lines.get(2));
        int what = lines.indexOf("What to fit:");
        int model = lines.indexOf("Model:");
        int inference = lines.indexOf("Inference:");
        int output = lines.indexOf("Output:");
        int common = lines.indexOf("Common options:");
        int examples = lines.indexOf("Examples:");
        assertTrue(0 < what && what < model && model < inference && inference < output && output < common
                && common < examples, help);
        assertTrue(lines.get(what + 1).strip().startsWith("--model=NAME"), help);
        assertTrue(help.contains("--[no-]psis"), help);
        assertTrue(help.contains("(default: 10000)"), help);
    }

    /** A command whose required options make a synopsis longer than 55 columns. */
    @picocli.CommandLine.Command(name = "wide", mixinStandardHelpOptions = true, description = "A test command.")
    static final class Wide implements Runnable {
        @picocli.CommandLine.Option(names = "--first-long-option", required = true, paramLabel = "NAME")
        String first;

        @picocli.CommandLine.Option(names = "--data", required = true, paramLabel = "FILE.csv")
        String data;

        @Override
        public void run() {
        }
    }

    @Test
    void synopsisWrapsUnderTheCommandName() {
        CommandLine wide = HelpLayout.apply(new CommandLine(new Wide()));
        wide.getCommandSpec().usageMessage().autoWidth(false).width(55);
        String synopsis = HelpLayout.synopsis(wide.getHelp());
        assertEquals("wide --first-long-option=NAME --data=FILE.csv" + System.lineSeparator()
                + "            [OPTIONS]" + System.lineSeparator(), synopsis);
    }

    @Test
    void subcommandsAndArgumentsAppearInTheSynopsis() {
        CommandLine root = Main.commandLine();
        assertTrue(usage(root, 80).startsWith("Usage: elbo4j [OPTIONS] [COMMAND]"));
        assertTrue(usage(root.getSubcommands().get("completion"), 80)
                .startsWith("Usage: elbo4j completion [OPTIONS] SHELL"));
        assertTrue(usage(root.getSubcommands().get("help"), 80).startsWith("Usage: elbo4j help [OPTIONS] [COMMAND]"));
    }

    @Test
    void logprobHelpListsEveryFamilyTheParserKnows() {
        String help = usage(Main.commandLine().getSubcommands().get("logprob"), 80);
        for (String family : SpecParser.familyNames()) {
            assertTrue(help.contains("  " + family + "(") || help.contains(" " + family + "("), family);
        }
    }

    @Test
    void columnsFromTheEnvironment() {
        assertEquals(100, HelpLayout.columns("100"));
        assertEquals(132, HelpLayout.columns(" 132 "));
        assertEquals(null, HelpLayout.columns(null));
        assertEquals(null, HelpLayout.columns("wide"));
        assertEquals(null, HelpLayout.columns("20"));
    }

    @Test
    void versionIsOneLineWithTheJdkAndTheVectorWidth() {
        CommandLine root = Main.commandLine();
        StringWriter out = new StringWriter();
        root.setOut(new PrintWriter(out, true));
        assertEquals(0, root.execute("--version"));
        String line = out.toString();
        assertTrue(line.endsWith(System.lineSeparator()) && line.strip().lines().count() == 1, line);
        assertTrue(line.startsWith("elbo4j "), line);
        assertTrue(line.contains("JDK " + Runtime.version()), line);
        assertTrue(Simd.enabled(), "the tests run with the Vector API");
        assertTrue(line.contains("vectors " + VectorWidth.describe()), line);
        StringWriter sub = new StringWriter();
        root.setOut(new PrintWriter(sub, true));
        assertEquals(0, root.execute("vae", "train", "--version"));
        assertEquals(line, sub.toString(), "a subcommand's --version prints the same line");
    }
}
