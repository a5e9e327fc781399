package org.elbo4j.model;

import java.util.Locale;
import org.elbo4j.bayes.Minibatch;
import org.elbo4j.bayes.UnconstrainedLayout;
import org.elbo4j.infer.LogDensityHessian;
import org.elbo4j.tensor.Tensor;

/** Not a test: time per gradient call at K points, float32 autodiff against the tape. */
public final class DoublePathMicro {

    private DoublePathMicro() {
    }

    public static void main(String[] args) {
        PoissonRegressionCase data = new PoissonRegressionCase(1000, 21);
        FunctionModel model = FunctionModel.of(data.function(1000));
        LogDensityHessian tape = model.doublePrecision().orElseThrow();
        UnconstrainedLayout layout = UnconstrainedLayout.of(model);
        int d = layout.dim();
        int k = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        double[] pts = new double[k * d];
        for (int i = 0; i < pts.length; i++) {
            pts[i] = 0.1 * (i % 7);
        }
        double[] v = new double[k];
        double[] g = new double[k * d];
        for (int round = 0; round < 5; round++) {
            long t0 = System.nanoTime();
            int n = 200;
            for (int i = 0; i < n; i++) {
                Tensor t = Tensor.of(pts, k, d).requiresGrad(true);
                UnconstrainedLayout.Constrained c = layout.constrain(t);
                model.logJoint(c.values(), Minibatch.full(1)).add(c.logAbsDetJacobian()).sum().backward();
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                tape.logDensities(pts, k, v, g);
            }
            long t2 = System.nanoTime();
            System.out.printf(Locale.ROOT, "K=%d  float32 %.3f ms   tape %.3f ms per gradient call%n", k,
                    (t1 - t0) / 1e6 / n, (t2 - t1) / 1e6 / n);
        }
    }
}
