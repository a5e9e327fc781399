package org.elbo4j.dist.kl;

import java.util.Arrays;
import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.numbers.gamma.Trigamma;
import org.elbo4j.dist.Dirichlet;
import org.elbo4j.tensor.CustomOp;
import org.elbo4j.tensor.GradMode;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * KL(Dir(α) || Dir(β)) with α₀ = Σ_k α_k and β₀ = Σ_k β_k:
 *
 * <pre>  log Γ(α₀) − log Γ(β₀) − Σ_k [log Γ(α_k) − log Γ(β_k)] + Σ_k (α_k − β_k)(ψ(α_k) − ψ(α₀))</pre>
 *
 * with partial derivatives {@code ∂/∂α_k = (α_k − β_k) ψ'(α_k) − (α₀ − β₀) ψ'(α₀)} and
 * {@code ∂/∂β_k = ψ(β_k) − ψ(β₀) − ψ(α_k) + ψ(α₀)}.
 *
 * <p>Implementation note: evaluated in double along the last axis (the log Γ terms cancel in
 * float32 at large concentrations) and joined to the graph as one custom operation.
 */
final class DirichletKlRule {

    private DirichletKlRule() {
    }

    static void register() {
        Kl.register(Dirichlet.class, Dirichlet.class, DirichletKlRule::divergence);
    }

    static Tensor divergence(Dirichlet p, Dirichlet q) {
        Tensor a = p.concentration();
        Tensor b = q.concentration();
        int[] shape = Shape.broadcast("Kl(Dirichlet, Dirichlet)", a.shape(), b.shape());
        int k = shape[shape.length - 1];
        float[] av;
        float[] bv;
        try (GradMode scope = GradMode.noGrad()) {
            av = Arrays.equals(a.shape(), shape) ? a.data() : a.expand(shape).data();
            bv = Arrays.equals(b.shape(), shape) ? b.data() : b.expand(shape).data();
        }
        int rows = av.length / k;
        float[] out = new float[rows];
        float[] da = new float[av.length];
        float[] db = new float[av.length];
        for (int r = 0; r < rows; r++) {
            int base = r * k;
            double a0 = 0;
            double b0 = 0;
            for (int j = 0; j < k; j++) {
                a0 += av[base + j];
                b0 += bv[base + j];
            }
            double psiA0 = Digamma.value(a0);
            double psiB0 = Digamma.value(b0);
            double triA0 = Trigamma.value(a0);
            double kl = LogGamma.value(a0) - LogGamma.value(b0);
            for (int j = 0; j < k; j++) {
                double aj = av[base + j];
                double bj = bv[base + j];
                double psiAj = Digamma.value(aj);
                kl += LogGamma.value(bj) - LogGamma.value(aj) + (aj - bj) * (psiAj - psiA0);
                da[base + j] = (float) ((aj - bj) * Trigamma.value(aj) - (a0 - b0) * triA0);
                db[base + j] = (float) (Digamma.value(bj) - psiB0 - psiAj + psiA0);
            }
            out[r] = (float) kl;
        }
        int[] outShape = Arrays.copyOf(shape, shape.length - 1);
        return CustomOp.of("klDirichletDirichlet", out, outShape, g -> new Tensor[] {
            a.requiresGrad() ? scaleRows(g, da, shape) : null,
            b.requiresGrad() ? scaleRows(g, db, shape) : null}, a, b);
    }

    /** {@code g[r] · partial[r, j]} with shape {@code shape} (summed back to the input by CustomOp). */
    private static Tensor scaleRows(Tensor g, float[] partial, int[] shape) {
        int k = shape[shape.length - 1];
        float[] gv = g.data();
        float[] out = new float[partial.length];
        for (int i = 0; i < out.length; i++) {
            float gi = gv[i / k];
            out[i] = gi == 0f ? 0f : gi * partial[i];
        }
        return Tensor.of(out, shape);
    }
}
