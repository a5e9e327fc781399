package org.elbo4j.formula;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads the lme4/brms formula subset into a {@link Formula}, by recursive descent over
 * <pre>
 *   formula  := response '~' sum
 *   response := NAME [ '|' 'trials' '(' NAME ')' ]
 *   sum      := element (('+' | '-') element)*        '- 1', '+ 0' and a leading '0' drop the intercept
 *   element  := '0' | '1' | product | 'offset' '(' ['log' '('] NAME [')'] ')' | '(' sum '|' group ')'
 *   product  := atom ((':' | '*') atom)*               a*b = a + b + a:b
 *   atom     := NAME | 'factor' '(' NAME ')'
 *   group    := NAME ('/' NAME)* | NAME (':' NAME)*    g1/g2 = g1 + g1:g2
 * </pre>
 * Terms are ordered as R's {@code terms()}: duplicates dropped, by degree, then by first
 * appearance; the variables of an interaction by their first appearance in the formula. Every
 * error is a {@link FormulaException} pointing at the character.
 */
final class FormulaParser {

    private final String text;
    private final List<Token> tokens;
    private final List<String> appearance = new ArrayList<>();
    private int pos;

    private record Token(String text, int column) {
    }

    /** A sum's terms and whether the intercept is kept. */
    private static final class Sum {
        final List<List<Term.Variable>> terms = new ArrayList<>();
        boolean intercept = true;
        boolean interceptGiven;
        final List<GroupTerm> groups = new ArrayList<>();
        String offset;
        boolean logOffset;
    }

    private FormulaParser(String text) {
        this.text = text;
        this.tokens = tokenize(text);
    }

    static Formula parse(String text) {
        if (text == null || text.isBlank()) {
            throw new FormulaException("empty formula", 1, String.valueOf(text));
        }
        return new FormulaParser(text).formula();
    }

    private static List<Token> tokenize(String text) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isLetterOrDigit(c) || c == '.' || c == '_') {
                int start = i;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '.'
                        || text.charAt(i) == '_')) {
                    i++;
                }
                out.add(new Token(text.substring(start, i), start + 1));
            } else if ("~+-:*|/()".indexOf(c) >= 0) {
                out.add(new Token(String.valueOf(c), i + 1));
                i++;
            } else {
                throw new FormulaException("unexpected '" + c + "'", i + 1, text);
            }
        }
        return out;
    }

    private Token peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private boolean at(String s) {
        Token t = peek();
        return t != null && t.text.equals(s);
    }

    private FormulaException unexpected() {
        Token t = peek();
        return t == null ? new FormulaException("unexpected end of formula", text.length() + 1, text)
                : new FormulaException("unexpected '" + t.text + "'", t.column, text);
    }

    private void expect(String s) {
        if (!at(s)) {
            throw unexpected();
        }
        pos++;
    }

    private String name() {
        Token t = peek();
        if (t == null || !isName(t.text)) {
            throw unexpected();
        }
        pos++;
        if (!appearance.contains(t.text)) {
            appearance.add(t.text);
        }
        return t.text;
    }

    private static boolean isName(String s) {
        char c = s.charAt(0);
        return Character.isLetter(c) || c == '.' || c == '_';
    }

    private Formula formula() {
        String response = name();
        String trials = null;
        if (at("|")) {
            pos++;
            Token t = peek();
            if (t == null || !t.text.equals("trials")) {
                throw unexpected();
            }
            pos++;
            expect("(");
            trials = name();
            expect(")");
        }
        expect("~");
        Sum sum = sum(true);
        if (peek() != null) {
            throw unexpected();
        }
        return new Formula(text, response, Optional.ofNullable(trials), sum.intercept, ordered(sum.terms),
                sum.groups, Optional.ofNullable(sum.offset), sum.logOffset);
    }

    private Sum sum(boolean top) {
        Sum sum = new Sum();
        element(sum, top, true, false);
        while (at("+") || at("-")) {
            boolean minus = peek().text.equals("-");
            pos++;
            element(sum, top, false, minus);
        }
        return sum;
    }

    private void element(Sum sum, boolean top, boolean first, boolean minus) {
        Token t = peek();
        if (t == null) {
            throw unexpected();
        }
        if (minus) {
            if (!t.text.equals("1") && !t.text.equals("0")) {
                throw new FormulaException("only '- 1' (no intercept) can follow '-', got '" + t.text + "'", t.column,
                        text);
            }
            pos++;
            sum.intercept = t.text.equals("0");
            return;
        }
        if (t.text.equals("0") || t.text.equals("1")) {
            pos++;
            sum.intercept = t.text.equals("1");
            sum.interceptGiven = true;
            return;
        }
        if (Character.isDigit(t.text.charAt(0))) {
            throw new FormulaException("unexpected number '" + t.text + "'", t.column, text);
        }
        if (t.text.equals("(")) {
            if (!top) {
                throw new FormulaException("group-level terms cannot be nested", t.column, text);
            }
            group(sum);
            return;
        }
        if (t.text.equals("offset")) {
            if (!top || sum.offset != null) {
                throw new FormulaException(top ? "only one offset is allowed" : "no offset inside a group-level term",
                        t.column, text);
            }
            pos++;
            expect("(");
            if (at("log")) {
                pos++;
                expect("(");
                sum.offset = name();
                expect(")");
                sum.logOffset = true;
            } else {
                sum.offset = name();
            }
            expect(")");
            return;
        }
        sum.terms.addAll(product());
    }

    private List<List<Term.Variable>> product() {
        List<List<Term.Variable>> acc = List.of(List.of(atom()));
        while (at(":") || at("*")) {
            boolean star = peek().text.equals("*");
            pos++;
            Term.Variable v = atom();
            List<List<Term.Variable>> next = new ArrayList<>();
            if (star) {
                next.addAll(acc);
                next.add(List.of(v));
            }
            for (List<Term.Variable> a : acc) {
                List<Term.Variable> joined = new ArrayList<>(a);
                if (!joined.contains(v)) {
                    joined.add(v);
                }
                next.add(joined);
            }
            acc = next;
        }
        return acc;
    }

    private Term.Variable atom() {
        Token t = peek();
        if (t != null && t.text.equals("factor") && pos + 1 < tokens.size() && tokens.get(pos + 1).text.equals("(")) {
            pos += 2;
            String column = name();
            expect(")");
            return new Term.Variable(column, true);
        }
        String column = name();
        if (at("(")) {
            throw new FormulaException("unknown function '" + column + "' (known: factor, offset, log, trials)",
                    t.column, text);
        }
        return new Term.Variable(column, false);
    }

    private void group(Sum outer) {
        Token open = peek();
        expect("(");
        Sum inner = sum(false);
        if (!at("|")) {
            throw at(")") ? new FormulaException("a parenthesised term needs '|' and a grouping factor",
                    peek().column, text) : unexpected();
        }
        pos++;
        List<String> columns = new ArrayList<>();
        columns.add(name());
        boolean nested = at("/");
        while (at("/") || at(":")) {
            if (peek().text.equals("/") != nested) {
                throw new FormulaException("use either '/' (nesting) or ':' in a grouping factor, not both",
                        peek().column, text);
            }
            pos++;
            columns.add(name());
        }
        expect(")");
        if (!inner.intercept && inner.terms.isEmpty()) {
            throw new FormulaException("a group-level term needs an intercept or a slope", open.column, text);
        }
        List<Term> slopes = ordered(inner.terms);
        if (nested) {
            for (int k = 1; k <= columns.size(); k++) {
                outer.groups.add(new GroupTerm(inner.intercept, slopes, columns.subList(0, k)));
            }
        } else {
            outer.groups.add(new GroupTerm(inner.intercept, slopes, columns));
        }
    }

    /** Duplicates dropped, variables by first appearance, terms by degree then appearance. */
    private List<Term> ordered(List<List<Term.Variable>> raw) {
        List<Term> out = new ArrayList<>();
        for (List<Term.Variable> vars : raw) {
            List<Term.Variable> sorted = new ArrayList<>(vars);
            sorted.sort(Comparator.comparingInt(v -> appearance.indexOf(v.column())));
            Term t = new Term(sorted);
            if (out.stream().noneMatch(t::sameVariables)) {
                out.add(t);
            }
        }
        List<Term> byDegree = new ArrayList<>(out);
        byDegree.sort(Comparator.comparingInt(t -> t.variables().size()));
        return byDegree;
    }
}
