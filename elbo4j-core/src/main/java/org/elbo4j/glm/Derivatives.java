package org.elbo4j.glm;

/**
 * One observation's log-likelihood ℓ(y | η, θ) and its exact first and second derivatives with
 * respect to the linear predictor η and the log auxiliary parameters θ_a = log(aux_a)
 * (log σ, log shape, log φ, log ν): the unconstrained coordinates a fit works in. Written by
 * {@link Family#evaluate}; reused across observations (mutable, not thread-safe).
 */
public final class Derivatives {

    /** ℓ. */
    public double value;
    /** ∂ℓ/∂η. */
    public double eta;
    /** ∂²ℓ/∂η². */
    public double etaEta;
    /** ∂ℓ/∂θ_a. */
    public final double[] aux = new double[2];
    /** ∂²ℓ/∂η∂θ_a. */
    public final double[] etaAux = new double[2];
    /** ∂²ℓ/∂θ_a∂θ_b. */
    public final double[][] auxAux = new double[2][2];

    /**
     * Converts derivatives with respect to a positive parameter p = exp(θ) (in slot {@code a},
     * already written as ∂ℓ/∂p, ∂²ℓ/∂η∂p, ∂²ℓ/∂p² and, for {@code b != a}, ∂²ℓ/∂p∂θ_b) to
     * derivatives with respect to θ: ∂/∂θ = p ∂/∂p, ∂²/∂θ² = p² ∂²/∂p² + p ∂/∂p.
     */
    void toLogScale(int a, double p) {
        auxAux[a][a] = p * p * auxAux[a][a] + p * aux[a];
        aux[a] *= p;
        etaAux[a] *= p;
        for (int b = 0; b < 2; b++) {
            if (b != a) {
                auxAux[a][b] *= p;
                auxAux[b][a] = auxAux[a][b];
            }
        }
    }
}
