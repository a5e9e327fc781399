package org.elbo4j.dist.kl;

/**
 * A KL divergence as a number, with how it was obtained.
 *
 * <p>{@code stderr} is the Monte Carlo standard error for {@link Method#MONTE_CARLO}, and
 * exactly 0 for {@link Method#ANALYTIC}: the closed form carries no sampling error (only float32
 * rounding, far below any Monte Carlo error), and 0 — unlike NaN — is a number JSON can carry.
 *
 * @param value KL(p || q), summed over the batch when p and q are batches; may be +∞
 * @param method how the value was computed
 * @param stderr the standard error of {@code value} (0 for analytic)
 */
public record KlResult(double value, Method method, double stderr) {

    /** How a KL value was obtained. */
    public enum Method {
        ANALYTIC("analytic"),
        MONTE_CARLO("monte-carlo");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        /** The name used in output ({@code "analytic"} or {@code "monte-carlo"}). */
        public String label() {
            return label;
        }
    }
}
