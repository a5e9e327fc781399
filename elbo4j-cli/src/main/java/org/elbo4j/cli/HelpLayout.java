package org.elbo4j.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The layout of every command's usage help, applied to the whole command tree by {@link #apply}, so a
 * new command gets it by being registered (the rules its annotations follow are in the README,
 * "Conventions for commands", and are checked by {@code HelpConventionTest}):
 *
 * <pre>
 * Usage: elbo4j fit --model=NAME --data=FILE.csv [OPTIONS]     required options, then [OPTIONS]
 *
 * Fit the posterior of a Bayesian model to a CSV file and report it.   description[0]: the summary
 *
 * More paragraphs, each one element, wrapped to the width at spaces, a blank line before each.
 *   verbatim lines (formulas) start with two spaces
 *
 * Options:                     options outside groups ({@code optionListHeading} renames the section)
 * Inference:                   one section per {@code @ArgGroup(validate = false, heading = "Inference:%n")}
 * Common options:              -h, -V
 *
 * Examples:                    the footer, verbatim
 *   elbo4j fit ...
 * </pre>
 *
 * <p>The width is {@code COLUMNS} when set (as for {@code ls}), else the terminal's when stdout is
 * one (picocli asks {@code stty}, only when the help is printed), else 80;
 * {@code -Dpicocli.usage.width=N} overrides all of them.
 */
final class HelpLayout {

    /** The heading of the section that lists -h and -V. */
    static final String COMMON_OPTIONS = "Common options:%n";

    private HelpLayout() {
    }

    /** Applies the layout to {@code root} and every subcommand under it. */
    static CommandLine apply(CommandLine root) {
        Integer columns = columns(System.getenv("COLUMNS"));
        configure(root, columns);
        return root;
    }

    private static void configure(CommandLine cl, Integer columns) {
        CommandSpec spec = cl.getCommandSpec();
        UsageMessageSpec usage = spec.usageMessage();
        if (columns != null && System.getProperty("picocli.usage.width") == null) {
            usage.autoWidth(false).width(columns);
        } else {
            usage.autoWidth(true);
        }
        usage.sortOptions(false).synopsisSubcommandLabel("[COMMAND]").synopsisHeading("Usage: ")
                .descriptionHeading("%n").parameterListHeading("%nArguments:%n").commandListHeading("%nCommands:%n")
                .footerHeading(usage.footer().length == 0 ? "" : "%nExamples:%n");
        if (usage.optionListHeading() == null || usage.optionListHeading().isEmpty()) {
            usage.optionListHeading("Options:%n");
        }
        if (spec.helpCommand()) { // picocli's own help command: the same layout, a summary that is a sentence
            usage.header(new String[0]).description("Display help information about the specified command.",
                    "Without a COMMAND, the help of the main command.");
        }
        usage.description(paragraphs(usage.description()));
        if (spec.root() != spec && spec.version().length == 0) {
            spec.versionProvider(new Main.Version());
        }
        List<String> keys = new ArrayList<>(cl.getHelpSectionKeys());
        keys.remove(UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING);
        keys.remove(UsageMessageSpec.SECTION_KEY_COMMAND_LIST);
        int options = keys.indexOf(UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING);
        keys.add(options, UsageMessageSpec.SECTION_KEY_COMMAND_LIST);
        keys.add(options, UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING);
        cl.setHelpSectionKeys(keys);
        cl.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_SYNOPSIS, HelpLayout::synopsis);
        cl.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_DESCRIPTION, HelpLayout::description);
        cl.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING, help -> "");
        cl.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, HelpLayout::optionSections);
        for (CommandLine sub : cl.getSubcommands().values()) {
            configure(sub, columns);
        }
    }

    /**
     * The description with a blank line before every paragraph but the first; a verbatim line
     * (two leading spaces) follows the line before it directly.
     */
    static String[] paragraphs(String[] description) {
        List<String> out = new ArrayList<>();
        for (String line : description) {
            if (!out.isEmpty() && !line.startsWith("  ")) {
                out.add("");
            }
            out.add(line);
        }
        return out.toArray(new String[0]);
    }

    /** {@code COLUMNS} as a width, or null when unset or not a number of at least 40. */
    static Integer columns(String value) {
        if (value == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(value.trim());
            return n >= 40 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * {@code elbo4j fit --model=NAME --data=FILE.csv [OPTIONS]}: the command, its required options,
     * {@code [OPTIONS]}, its positional parameters and {@code [COMMAND]}; wrapped under the command
     * name when it does not fit the width.
     */
    static String synopsis(Help help) {
        CommandSpec spec = help.commandSpec();
        List<String> words = new ArrayList<>();
        boolean optional = false;
        for (OptionSpec o : spec.options()) {
            if (o.hidden()) {
                continue;
            }
            if (o.required() && o.group() == null) {
                words.add(o.longestName() + (o.arity().max() > 0 ? spec.parser().separator() + o.paramLabel() : ""));
            } else {
                optional = true;
            }
        }
        if (optional) {
            words.add("[OPTIONS]");
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (!p.hidden()) {
                String label = p.paramLabel() + (p.isMultiValue() ? "..." : "");
                words.add(p.arity().min() == 0 ? "[" + label + "]" : label);
            }
        }
        if (!spec.subcommands().isEmpty()) {
            words.add(spec.usageMessage().synopsisSubcommandLabel());
        }
        String name = spec.qualifiedName();
        int indent = spec.usageMessage().synopsisHeading().length() + name.length() + 1;
        int width = spec.usageMessage().width();
        StringBuilder out = new StringBuilder(name);
        int column = indent - 1;
        for (String w : words) {
            if (column + 1 + w.length() > width && column > indent) {
                out.append(System.lineSeparator()).append(" ".repeat(indent - 1));
                column = indent - 1;
            }
            out.append(' ').append(w);
            column += 1 + w.length();
        }
        return out.append(System.lineSeparator()).toString();
    }

    /**
     * The options outside groups (under {@code optionListHeading}), one section per argument group
     * with a heading, then -h and -V under {@value #COMMON_OPTIONS}; a blank line before each.
     */
    static String optionSections(Help help) {
        CommandSpec spec = help.commandSpec();
        List<OptionSpec> ungrouped = new ArrayList<>();
        List<OptionSpec> common = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            if (o.hidden() || o.group() != null) {
                continue;
            }
            (o.usageHelp() || o.versionHelp() ? common : ungrouped).add(o);
        }
        StringBuilder out = new StringBuilder();
        section(help, out, spec.usageMessage().optionListHeading(), ungrouped);
        for (ArgGroupSpec group : spec.argGroups()) {
            if (group.heading() != null) {
                section(help, out, group.heading(), group.allOptionsNested());
            }
        }
        section(help, out, COMMON_OPTIONS, common);
        return out.toString();
    }

    private static void section(Help help, StringBuilder out, String heading, List<OptionSpec> options) {
        List<OptionSpec> shown = new ArrayList<>();
        for (OptionSpec o : options) {
            if (!o.hidden()) {
                shown.add(o);
            }
        }
        if (shown.isEmpty()) {
            return;
        }
        out.append(help.createHeading("%n" + heading));
        out.append(help.optionListExcludingGroups(shown, layout(help), null, help.parameterLabelRenderer()));
    }

    /**
     * The description: each paragraph wrapped to the width at spaces, verbatim lines as they are.
     * (picocli wraps where {@link java.text.BreakIterator} allows, which includes after the dot in
     * "fit.json".)
     */
    static String description(Help help) {
        UsageMessageSpec usage = help.commandSpec().usageMessage();
        StringBuilder out = new StringBuilder();
        for (String line : usage.description()) {
            String text = help.colorScheme().text(String.format(line)).plainString();
            for (String wrapped : line.startsWith("  ") ? List.of(text) : wrap(text, usage.width(), 0)) {
                out.append(wrapped).append(System.lineSeparator());
            }
        }
        return out.toString();
    }

    /** picocli's option layout, with each description paragraph wrapped at spaces into rows that fit. */
    private static Help.Layout layout(Help help) {
        Help.Layout base = help.createDefaultLayout();
        Help.TextTable table = base.textTable();
        Help.Column column = table.columns()[table.columns().length - 1];
        int width = column.width - column.indent;
        int hanging = table.indentWrappedLines;
        Help.IOptionRenderer renderer = (option, labels, scheme) -> {
            List<Help.Ansi.Text[]> rows = new ArrayList<>();
            for (Help.Ansi.Text[] row : base.optionRenderer().render(option, labels, scheme)) {
                String text = row[row.length - 1].plainString();
                List<String> lines = text.startsWith("  ") ? List.of(text) : wrap(text, width, hanging);
                if (lines.size() <= 1) {
                    rows.add(row);
                    continue;
                }
                for (int i = 0; i < lines.size(); i++) {
                    Help.Ansi.Text[] wrapped = i == 0 ? row.clone() : new Help.Ansi.Text[row.length];
                    for (int c = 0; i > 0 && c < row.length - 1; c++) {
                        wrapped[c] = scheme.text("");
                    }
                    wrapped[row.length - 1] = scheme.text(lines.get(i));
                    rows.add(wrapped);
                }
            }
            return rows.toArray(new Help.Ansi.Text[0][]);
        };
        return new Help.Layout(help.colorScheme(), table, renderer, base.parameterRenderer());
    }

    /**
     * {@code text} in lines of at most {@code width} characters, broken at spaces only; lines after
     * the first are indented by {@code hanging} spaces. A word longer than a line gets a line of its own.
     */
    static List<String> wrap(String text, int width, int hanging) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int words = 0;
        for (String word : text.trim().split(" +")) {
            if (words > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
                line.append(" ".repeat(hanging));
                words = 0;
            }
            line.append(words > 0 ? " " : "").append(word);
            words++;
        }
        lines.add(line.toString());
        return lines;
    }
}
