/**
 * Bayesian inference over model parameters: declare a model in plain Java, fit a Gaussian
 * approximation of its posterior in unconstrained space, and get back summaries, the evidence
 * and a verdict on whether to trust the result (THEORY.md §6–§7).
 *
 * <h2>API</h2>
 * <ul>
 *   <li>{@link org.elbo4j.bayes.BayesModel}: {@code parameters()} (a list of
 *       {@link org.elbo4j.bayes.Parameter}: {@code real}, {@code positive}, {@code unitInterval},
 *       {@code simplex}, {@code lowerCholesky}, {@code correlationCholesky} (with the
 *       {@link org.elbo4j.dist.LkjCholesky} prior)), {@code observationCount()} N,
 *       {@code logPrior(ParameterValues)} and {@code logLikelihood(ParameterValues, Minibatch)},
 *       vectorised over M particles (values {@code [M] ++ shape}, results {@code [M]}). The fit
 *       scales a subsample's log-likelihood by N/|B| and adds the log-Jacobian of the bijections
 *       ({@link org.elbo4j.bayes.UnconstrainedLayout}). Optionally {@code samplePrior} (for
 *       {@code InitStrategy.priorMedian()}) and {@link org.elbo4j.bayes.ExactCurvature} (ℓ, ∇ℓ
 *       and −∇²ℓ in double on unconstrained space: full-data fits then run without the tensor
 *       engine, as the built-in logistic and eight-schools models do).</li>
 *   <li>Built-in models in {@code org.elbo4j.bayes.models}:
 *       {@code ConjugateLinearRegression.of(X, y, sigma, tau, intercept)} (with
 *       {@code exactPosteriorMean()}, {@code exactPosteriorCovariance()}, {@code exactLogEvidence()}),
 *       {@code LinearRegression.of(X, y, tau, NoisePrior.HALF_NORMAL | LOG_NORMAL, noiseScale, intercept)},
 *       {@code LogisticRegression.of(X, y, tau, intercept)},
 *       {@code EightSchools.classic()} / {@code EightSchools.of(y, sigma)}.</li>
 *   <li>{@link org.elbo4j.bayes.GuideFamily}: {@code MEAN_FIELD}, {@code FULL_RANK},
 *       {@code LOW_RANK} (rank R), {@code MAP}, {@code LAPLACE}.
 *       {@link org.elbo4j.bayes.InitStrategy}: {@code laplace()} (the default: Newton to the
 *       mode, guide started at the Laplace approximation and learned in its whitened coordinates,
 *       with antithetic draws and a Laplace control variate; Newton uses a model's exact
 *       derivatives when it implements {@link org.elbo4j.bayes.ExactCurvature}, as
 *       {@code LogisticRegression} does), {@code priorMedian()}, {@code feasible()}, {@code zero()},
 *       {@code given(Map)}. {@link org.elbo4j.bayes.OptimizerKind}: {@code ADAM},
 *       {@code STAN_ADAPTIVE}, {@code NATURAL} (full-rank, full data: exact natural-gradient steps
 *       of {@code NaturalGradientLoop} for a model with
 *       {@link org.elbo4j.bayes.GaussianExpectations}, as {@code LogisticRegression} and
 *       {@code ConjugateLinearRegression} are).</li>
 *   <li>{@link org.elbo4j.bayes.FitConfig}{@code .defaults().withGuide(..).withLowRank(r)
 *       .withParticles(m).withOptimizer(..).withLearningRate(..).withMaxSteps(..).withBatchSize(..)
 *       .withInit(..).withWindow(..).withRelTolerance(..).withAverageIterates(..)
 *       .withStickingTheLanding(..).withEvidenceSamples(..).withPsisSummaries(..)
 *       .withPosteriorDraws(..).withSeed(..)}. The variational loop runs in double with
 *       hand-written reparameterization gradients of the guides; the model's gradient comes from
 *       {@code ExactCurvature} or from the tensor code by autodiff.</li>
 *   <li>{@link org.elbo4j.bayes.BayesFit#fit(BayesModel, FitConfig)} →
 *       {@link org.elbo4j.bayes.FitResult}: {@code verdict()} ({@link org.elbo4j.infer.Verdict}
 *       CONVERGED / PLATEAU (stopped improving, NOT confirmed converged) / DIVERGING / MAX_STEPS /
 *       NON_FINITE; window statistics in {@link org.elbo4j.infer.ConvergenceMonitor}, and for Adam
 *       the learning rate halved on every window without progress, CONVERGED only once the
 *       iterate noise is below 0.05 posterior sd), {@code reason()}, {@code elboTrace()},
 *       {@code steps()}, {@code seconds()}, {@code elbo()} ± {@code elboStderr()},
 *       {@code summaries()} (name → {@link org.elbo4j.bayes.ParameterSummary}: mean, sd, q2_5,
 *       q50, q97_5 per element; by default from the evidence draws resampled by their
 *       Pareto-smoothed importance weights when k̂ &lt; 0.7, see {@code summarySource()}),
 *       {@code evidence()} (optional
 *       {@link org.elbo4j.bayes.Evidence}: logEvidence, stderr, ess, khat, samples),
 *       {@code guide()} ({@link org.elbo4j.bayes.UnconstrainedGaussian}) and {@code draws()}.</li>
 *   <li>Building blocks for other models: the Gaussian guides
 *       {@link org.elbo4j.bayes.GaussianGuide} ({@link org.elbo4j.bayes.MeanFieldGuide},
 *       {@link org.elbo4j.bayes.FullRankGuide}, {@link org.elbo4j.bayes.LowRankGuide}: draws,
 *       reparameterization pull-back, entropy and its gradient over a flat λ) and the public target
 *       {@link org.elbo4j.infer.LogDensity} / {@link org.elbo4j.infer.LogDensityHessian}, which
 *       {@code ExactCurvature} extends; steps with {@link org.elbo4j.optim.AdamUpdate}.</li>
 *   <li>A richer guide: {@link org.elbo4j.bayes.GuideFamily#FLOW} ({@code FitConfig.withFlow(K)}) fits
 *       the full-rank Gaussian, then K masked affine autoregressive layers
 *       ({@link org.elbo4j.bayes.FlowGuide}) on its whitened coordinates, from the identity
 *       (optionally each preceded by an elementwise sinh–arcsinh layer, {@code withFlowSkew}, and
 *       with softplus features in the conditioners, {@code withFlowSoftplus}); the evidence, k̂ and
 *       summaries come from the flow's draws and log q.</li>
 *   <li>{@link org.elbo4j.infer.ParetoK} (shared with the VAE's importance weights): k̂ of
 *       log-weights, Pareto-smoothed log-weights, and the generalized Pareto shape fit.</li>
 * </ul>
 *
 * <h2>Example</h2>
 * <pre>{@code
 * BayesModel model = LogisticRegression.of(x, y, 2.5, true);
 * FitResult r = BayesFit.fit(model, FitConfig.defaults().withGuide(GuideFamily.FULL_RANK).withSeed(42));
 * if (!r.verdict().isUsable()) { ... r.reason() ... }
 * ParameterSummary beta = r.summary("beta");       // beta.mean()[j], beta.q2_5()[j], ...
 * r.evidence().ifPresent(e -> System.out.printf("log p(D) = %.2f ± %.2f, ESS %.0f, k̂ %.2f%n",
 *         e.logEvidence(), e.stderr(), e.ess(), e.khat()));
 * }</pre>
 *
 * <p>A model of one's own:
 * <pre>{@code
 * BayesModel normalMean = new BayesModel() {
 *     final Tensor data = Tensor.vector(obs);
 *     public List<Parameter> parameters() { return List.of(Parameter.real("mu"), Parameter.positive("sigma")); }
 *     public int observationCount() { return obs.length; }
 *     public Tensor logPrior(ParameterValues t) {           // mu ~ N(0, 10), sigma ~ Exponential(1)
 *         return t.get("mu").square().mul(Tensor.scalar(-0.005)).sub(t.get("sigma"));
 *     }
 *     public Tensor logLikelihood(ParameterValues t, Minibatch b) {
 *         Normal lik = Normal.of(t.get("mu").unsqueeze(1), t.get("sigma").unsqueeze(1));
 *         return lik.logProb(b.select(data)).sum(1, false);
 *     }
 * };
 * }</pre>
 */
package org.elbo4j.bayes;

import org.elbo4j.infer.ConvergenceMonitor;

import org.elbo4j.infer.Verdict;
