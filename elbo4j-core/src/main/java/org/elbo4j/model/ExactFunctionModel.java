package org.elbo4j.model;

import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.elbo4j.bayes.BayesModel;
import org.elbo4j.bayes.ExactCurvature;
import org.elbo4j.bayes.Minibatch;
import org.elbo4j.bayes.Parameter;
import org.elbo4j.bayes.ParameterValues;
import org.elbo4j.infer.SubsampledLogDensity;
import org.elbo4j.tensor.Tensor;

/**
 * A {@link FunctionModel} with its double-precision target ({@link TapeDensity}) as the
 * {@link ExactCurvature} capability, so that a {@code BayesFit} of it runs full-data evaluations
 * (the Laplace start's Newton steps with the exact Hessian, full-data variational steps, evidence
 * and summaries) in double, and the same tape on a minibatch ({@link SubsampledLogDensity}: the data
 * sites scaled by N/|B|) for minibatch steps; every other method here delegates to the model's
 * float32 tensor code.
 */
final class ExactFunctionModel implements BayesModel, ExactCurvature, SubsampledLogDensity {

    private final FunctionModel model;
    private final TapeDensity density;

    ExactFunctionModel(FunctionModel model, TapeDensity density) {
        this.model = model;
        this.density = density;
    }

    @Override
    public List<Parameter> parameters() {
        return model.parameters();
    }

    @Override
    public int observationCount() {
        return model.observationCount();
    }

    @Override
    public Tensor logPrior(ParameterValues theta) {
        return model.logPrior(theta);
    }

    @Override
    public Tensor logLikelihood(ParameterValues theta, Minibatch batch) {
        return model.logLikelihood(theta, batch);
    }

    @Override
    public Tensor logJoint(ParameterValues theta, Minibatch batch) {
        return model.logJoint(theta, batch);
    }

    @Override
    public Optional<ParameterValues> samplePrior(RandomGenerator rng, int m) {
        return model.samplePrior(rng, m);
    }

    @Override
    public double curvature(double[] u, double[] gradient, double[][] negativeHessian) {
        return density.curvature(u, gradient, negativeHessian);
    }

    @Override
    public void logDensities(double[] points, int k, double[] values, double[] gradients) {
        density.logDensities(points, k, values, gradients);
    }

    @Override
    public void logDensities(double[] points, int k, int[] rows, double scale, double[] values, double[] gradients) {
        Minibatch batch = Minibatch.of(model.observationCount(), rows);
        if (scale != batch.scale()) {
            // a model's plates scale their data sites by N/|B| themselves
            throw new IllegalArgumentException("ExactFunctionModel: scale must be N/|B| = " + batch.scale() + ", got " + scale);
        }
        density.logDensities(points, k, batch, values, gradients);
    }
}
