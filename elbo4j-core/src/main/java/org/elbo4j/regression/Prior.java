package org.elbo4j.regression;

import java.util.Locale;
import org.apache.commons.numbers.gamma.LogGamma;

/**
 * A univariate prior as brms writes it, with its log density and first two derivatives in double:
 * {@code normal(μ, s)}, {@code student_t(ν, μ, s)}, {@code cauchy(μ, s)}, {@code exponential(λ)},
 * {@code gamma(a, b)} (shape a, rate b), and {@code lkj(η)} for correlations (handled by
 * {@link CorrCholesky}). On a positive parameter (sd, sigma, shape, phi, nu) normal, student_t
 * and cauchy are their halves on (0, ∞) (location 0, density doubled), as brms truncates them.
 *
 * @param kind   normal, student_t, cauchy, exponential, gamma or lkj
 * @param params the parameters in brms's order
 * @param half   whether the density is the half on (0, ∞)
 */
public record Prior(String kind, double[] params, boolean half) {

    private static final double LOG_TWO = Math.log(2);
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    /** Copies the parameters. */
    public Prior {
        params = params.clone();
    }

    /** The prior as brms prints it ({@code student_t(3, 0, 2.5)}). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(kind).append('(');
        for (int i = 0; i < params.length; i++) {
            sb.append(i > 0 ? ", " : "").append(String.format(Locale.ROOT, "%.4g", params[i]).replaceAll(
                    "(\\.\\d*?)0+$", "$1").replaceAll("\\.$", ""));
        }
        return sb.append(')').toString();
    }

    /**
     * Parses {@code kind(p1, p2, ...)}.
     *
     * @throws IllegalArgumentException for an unknown kind, the wrong number of parameters or an
     *     invalid value (a scale that is not > 0)
     */
    public static Prior parse(String text, boolean positive) {
        String s = text.strip();
        int open = s.indexOf('(');
        if (open <= 0 || !s.endsWith(")")) {
            throw new IllegalArgumentException("prior: expected e.g. normal(0, 1), got '" + text + "'");
        }
        String kind = s.substring(0, open).strip();
        String[] parts = s.substring(open + 1, s.length() - 1).split(",");
        double[] p = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                p[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("prior " + kind + ": '" + parts[i].strip() + "' is not a number");
            }
        }
        int expected = switch (kind) {
            case "normal", "cauchy", "gamma" -> 2;
            case "student_t" -> 3;
            case "exponential", "lkj" -> 1;
            default -> throw new IllegalArgumentException("prior: expected normal, student_t, cauchy, exponential, "
                    + "gamma or lkj, got '" + kind + "'");
        };
        if (p.length != expected) {
            throw new IllegalArgumentException("prior " + kind + ": expected " + expected + " parameters, got "
                    + p.length);
        }
        for (int i = kind.equals("normal") || kind.equals("cauchy") || kind.equals("student_t") ? p.length - 1 : 0;
                i < p.length; i++) {
            if (!(p[i] > 0 && p[i] < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("prior " + kind + ": parameter " + (i + 1) + " must be finite and > 0, got "
                        + p[i]);
            }
        }
        if (kind.equals("student_t") && !(p[0] > 0)) {
            throw new IllegalArgumentException("prior student_t: degrees of freedom must be > 0, got " + p[0]);
        }
        boolean half = positive && !kind.equals("exponential") && !kind.equals("gamma") && !kind.equals("lkj");
        double loc = kind.equals("student_t") ? p[1] : p[0];
        if (half && loc != 0) {
            throw new IllegalArgumentException("prior " + kind + " on a positive parameter is its half on (0, inf) and "
                    + "must have location 0, got " + loc);
        }
        if (!positive && (kind.equals("exponential") || kind.equals("gamma"))) {
            throw new IllegalArgumentException("prior " + kind + " is for positive parameters (sd, sigma, shape, phi, "
                    + "nu), not for coefficients");
        }
        return new Prior(kind, p, half);
    }

    /** Writes log p(x), d/dx and d²/dx² into {@code out[0..2]}. */
    public void evaluate(double x, double[] out) {
        switch (kind) {
            case "normal" -> {
                double z = (x - params[0]) / params[1];
                out[0] = -HALF_LOG_TWO_PI - Math.log(params[1]) - 0.5 * z * z;
                out[1] = -z / params[1];
                out[2] = -1 / (params[1] * params[1]);
            }
            case "student_t" -> {
                double nu = params[0];
                double s = params[2];
                double r = x - params[1];
                double d = nu * s * s + r * r;
                out[0] = LogGamma.value((nu + 1) / 2) - LogGamma.value(nu / 2) - 0.5 * Math.log(nu * Math.PI)
                        - Math.log(s) - 0.5 * (nu + 1) * Math.log1p(r * r / (nu * s * s));
                out[1] = -(nu + 1) * r / d;
                out[2] = -(nu + 1) * (d - 2 * r * r) / (d * d);
            }
            case "cauchy" -> {
                double s = params[1];
                double r = x - params[0];
                double d = s * s + r * r;
                out[0] = -Math.log(Math.PI) + Math.log(s) - Math.log(d);
                out[1] = -2 * r / d;
                out[2] = -2 * (d - 2 * r * r) / (d * d);
            }
            case "exponential" -> {
                out[0] = Math.log(params[0]) - params[0] * x;
                out[1] = -params[0];
                out[2] = 0;
            }
            case "gamma" -> {
                double a = params[0];
                double b = params[1];
                out[0] = a * Math.log(b) - LogGamma.value(a) + (a - 1) * Math.log(x) - b * x;
                out[1] = (a - 1) / x - b;
                out[2] = -(a - 1) / (x * x);
            }
            default -> throw new IllegalStateException("prior " + kind + " has no univariate density");
        }
        if (half) {
            out[0] += LOG_TWO;
        }
    }

    /**
     * For a positive parameter p = e^θ: log p(e^θ) + θ (the prior with the log-Jacobian) and its
     * first and second derivatives in θ, into {@code out[0..2]}.
     */
    public void evaluateLog(double theta, double[] out) {
        double p = Math.exp(theta);
        evaluate(p, out);
        double d1 = out[1];
        out[0] += theta;
        out[1] = p * d1 + 1;
        out[2] = p * p * out[2] + p * d1;
    }
}
