package org.elbo4j.infer;

/** How {@link IwaeBound} estimates the gradient of L_K with respect to the guide's parameters φ. */
public enum IwaeGradient {

    /**
     * The plain reparameterized gradient of log (1/K) Σ_k w_k:
     * Σ_k w̃_k ∇_φ log w_k, w̃_k = w_k / Σ_j w_j, including the score term ∇_φ log q_φ(z)|_z.
     */
    PLAIN,

    /**
     * Sticking the landing (Roeder, Wu &amp; Duvenaud 2017): log q evaluated with detached
     * parameters, so only the path through z remains; zero variance when q is the posterior.
     * Unbiased for K = 1 (the ELBO) but biased for K &gt; 1: the dropped term
     * Σ_k w̃_k ∇_φ log q_φ(z_k)|_z has mean 0 only when the weights are constant (Tucker et al.
     * 2018, §3). Use {@link #DREG} for an unbiased low-variance IWAE gradient.
     */
    STL,

    /**
     * Doubly reparameterized (Tucker, Lawson, Gu &amp; Maddison 2018): the guide gets
     * Σ_k w̃_k² ∂log w_k/∂z_k · ∂z_k/∂φ (log q with detached parameters), the model
     * Σ_k w̃_k ∇_θ log w_k. Unbiased, and its signal-to-noise ratio does not decay with K.
     */
    DREG;

    /**
     * The factor by which this estimator multiplies the path term {@code w̃_k ∂log w_k/∂z_k} of
     * sample k with normalised weight w̃_k: w̃_k for {@link #DREG} (the path term becomes
     * w̃_k² ∂log w_k/∂z_k), 1 otherwise.
     */
    public double pathFactor(double normalizedWeight) {
        return this == DREG ? normalizedWeight : 1;
    }

    /** True when the estimator keeps the score term ∇_φ log q_φ(z)|_z (only {@link #PLAIN}). */
    public boolean keepsScore() {
        return this == PLAIN;
    }
}
