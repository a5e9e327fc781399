// The hierarchical Poisson regression of elbo4j's PoissonRegressionCase / README example.
data {
  int<lower=1> N;
  int<lower=1> G;
  vector[N] x;
  int<lower=0> y[N];
  int<lower=1, upper=G> group[N];
}
parameters {
  real mu;
  real<lower=0> sigma;
  real beta;
  vector[G] alpha;
}
model {
  mu ~ normal(0, 1);
  sigma ~ exponential(1);
  beta ~ normal(0, 1);
  alpha ~ normal(mu, sigma);
  y ~ poisson_log(alpha[group] + beta * x);
}
