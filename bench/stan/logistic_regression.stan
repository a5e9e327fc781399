// Bayesian logistic regression, the anchor for `elbo4j fit --model logistic`.
//   alpha ~ normal(0, intercept_scale) (elbo4j: intercept_scale = prior_scale), beta_d ~ normal(0, prior_scale),
//   y_n ~ bernoulli_logit(alpha + x_n . beta).
// Stan 2.21 syntax (Debian's rstan): old array declarations.
data {
  int<lower=1> N;
  int<lower=1> D;
  matrix[N, D] X;
  int<lower=0, upper=1> y[N];
  real<lower=0> prior_scale;
  real<lower=0> intercept_scale;
}
parameters {
  real alpha;
  vector[D] beta;
}
model {
  alpha ~ normal(0, intercept_scale);
  beta ~ normal(0, prior_scale);
  y ~ bernoulli_logit_glm(X, alpha, beta);
}
