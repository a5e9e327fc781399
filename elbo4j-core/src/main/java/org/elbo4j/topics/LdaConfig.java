package org.elbo4j.topics;

/**
 * The settings of an LDA fit. Build with {@link #of(int)} and the {@code with…} methods.
 *
 * @param topics            K ≥ 1
 * @param online            true: online stochastic VI (Hoffman et al. 2010); false: batch CAVI
 * @param passes            the most passes over the training documents (batch: iterations)
 * @param batchSize         documents per minibatch (online only)
 * @param alpha             the symmetric starting (or fixed) α_k
 * @param learnAlpha        α learned by Minka's Newton update
 * @param asymmetricAlpha   the learned α may differ between topics
 * @param eta               the starting (or fixed) symmetric η
 * @param learnEta          η learned by Minka's Newton update
 * @param tau0              τ₀ of ρ_t = (τ₀ + t)^−κ, ≥ 1 so that ρ_t ≤ 1
 * @param kappa             κ in (0.5, 1] (Robbins–Monro)
 * @param eStepTolerance    the E-step stops at a mean |Δγ_dk| below this
 * @param eStepIterations   the most E-step iterations per document and pass
 * @param relTolerance      batch: relative ELBO change of convergence; online: of the
 *                          per-word bound between passes
 * @param seed              the seed of the initial λ (and nothing else: minibatches are in order)
 */
public record LdaConfig(int topics, boolean online, int passes, int batchSize, double alpha, boolean learnAlpha,
        boolean asymmetricAlpha, double eta, boolean learnEta, double tau0, double kappa, double eStepTolerance,
        int eStepIterations, double relTolerance, long seed) {

    /** Validates every setting. */
    public LdaConfig {
        check(topics >= 1, "topics must be >= 1", topics);
        check(passes >= 1, "passes must be >= 1", passes);
        check(batchSize >= 1, "batchSize must be >= 1", batchSize);
        check(alpha > 0 && Double.isFinite(alpha), "alpha must be finite and > 0", alpha);
        check(eta > 0 && Double.isFinite(eta), "eta must be finite and > 0", eta);
        check(tau0 >= 1 && Double.isFinite(tau0), "tau0 must be finite and >= 1", tau0);
        check(kappa > 0.5 && kappa <= 1, "kappa must be in (0.5, 1]", kappa);
        check(eStepTolerance >= 0 && Double.isFinite(eStepTolerance), "eStepTolerance must be finite and >= 0",
                eStepTolerance);
        check(eStepIterations >= 1, "eStepIterations must be >= 1", eStepIterations);
        check(relTolerance >= 0 && Double.isFinite(relTolerance), "relTolerance must be finite and >= 0",
                relTolerance);
    }

    private static void check(boolean ok, String what, double value) {
        if (!ok) {
            throw new IllegalArgumentException("LdaConfig: " + what + ", got " + value);
        }
    }

    /**
     * Online VI with K topics, 10 passes, minibatches of 128, α = η = 1/K fixed, τ₀ = 10, κ = 0.7
     * (scikit-learn's defaults), E-step tolerance 1e-3 and at most 100 iterations, relative
     * tolerance 1e-5, seed 1.
     */
    public static LdaConfig of(int topics) {
        double d = topics >= 1 ? 1.0 / topics : 1;
        return new LdaConfig(topics, true, 10, 128, d, false, false, d, false, 10, 0.7, 1e-3, 100, 1e-5, 1);
    }

    public LdaConfig withOnline(boolean on) {
        return new LdaConfig(topics, on, passes, batchSize, alpha, learnAlpha, asymmetricAlpha, eta, learnEta, tau0,
                kappa, eStepTolerance, eStepIterations, relTolerance, seed);
    }

    public LdaConfig withPasses(int n) {
        return new LdaConfig(topics, online, n, batchSize, alpha, learnAlpha, asymmetricAlpha, eta, learnEta, tau0,
                kappa, eStepTolerance, eStepIterations, relTolerance, seed);
    }

    public LdaConfig withBatchSize(int b) {
        return new LdaConfig(topics, online, passes, b, alpha, learnAlpha, asymmetricAlpha, eta, learnEta, tau0,
                kappa, eStepTolerance, eStepIterations, relTolerance, seed);
    }

    /** α_k = a for all k; learned when {@code learn}, asymmetric when {@code asymmetric}. */
    public LdaConfig withAlpha(double a, boolean learn, boolean asymmetric) {
        return new LdaConfig(topics, online, passes, batchSize, a, learn, asymmetric, eta, learnEta, tau0,
                kappa, eStepTolerance, eStepIterations, relTolerance, seed);
    }

    /** η (symmetric), learned when {@code learn}. */
    public LdaConfig withEta(double e, boolean learn) {
        return new LdaConfig(topics, online, passes, batchSize, alpha, learnAlpha, asymmetricAlpha, e, learn, tau0,
                kappa, eStepTolerance, eStepIterations, relTolerance, seed);
    }

    public LdaConfig withLearningRate(double t0, double k) {
        return new LdaConfig(topics, online, passes, batchSize, alpha, learnAlpha, asymmetricAlpha, eta, learnEta,
                t0, k, eStepTolerance, eStepIterations, relTolerance, seed);
    }

    public LdaConfig withEStep(double tolerance, int iterations) {
        return new LdaConfig(topics, online, passes, batchSize, alpha, learnAlpha, asymmetricAlpha, eta, learnEta,
                tau0, kappa, tolerance, iterations, relTolerance, seed);
    }

    public LdaConfig withRelTolerance(double tol) {
        return new LdaConfig(topics, online, passes, batchSize, alpha, learnAlpha, asymmetricAlpha, eta, learnEta,
                tau0, kappa, eStepTolerance, eStepIterations, tol, seed);
    }

    public LdaConfig withSeed(long s) {
        return new LdaConfig(topics, online, passes, batchSize, alpha, learnAlpha, asymmetricAlpha, eta, learnEta,
                tau0, kappa, eStepTolerance, eStepIterations, relTolerance, s);
    }
}
