package org.elbo4j.bayes;

/**
 * The weight a of the Laplace control variate c (see {@link VariationalLoop}) in the
 * ELBO estimate {@code f + a c}. The variance of {@code f + a c} is smallest at
 * {@code a* = −Cov(f, c) / Var(c)}: 1 when the posterior equals its Laplace approximation (then
 * {@code f + c} is constant), smaller when the quadratic is a poor guide (funnels, heavy tails),
 * where a full weight could add noise instead of removing it. The weight starts at 1 and is
 * re-estimated from the (f, c) pairs of each window, clamped to [0, 1]; the same scalar scales
 * the control variate's gradient. Any fixed a keeps the estimate unbiased (E[c] = 0), and a only
 * changes at window boundaries, from past draws.
 */
final class ControlVariateWeight {

    private double weight = 1;
    private double sumF;
    private double sumC;
    private double sumFc;
    private double sumCc;
    private int count;

    /** a now. */
    double weight() {
        return weight;
    }

    /** Records one step's pair (f, c). */
    void record(double f, double c) {
        sumF += f;
        sumC += c;
        sumFc += f * c;
        sumCc += c * c;
        count++;
    }

    /** Re-estimates a from the pairs since the last update (at least 10), then forgets them. */
    void update() {
        if (count >= 10) {
            double meanF = sumF / count;
            double meanC = sumC / count;
            double cov = sumFc / count - meanF * meanC;
            double var = sumCc / count - meanC * meanC;
            if (var > 0 && Double.isFinite(cov)) {
                weight = Math.max(0, Math.min(1, -cov / var));
            }
        }
        sumF = 0;
        sumC = 0;
        sumFc = 0;
        sumCc = 0;
        count = 0;
    }
}
