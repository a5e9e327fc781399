// Eight schools (Rubin 1981; Gelman et al., BDA3 section 5.5), non-centred parameterisation,
// the anchor for `elbo4j fit --model eight-schools`.
//   mu ~ normal(0, 5), tau ~ half-cauchy(0, 5), theta_tilde_j ~ normal(0, 1),
//   theta_j = mu + tau * theta_tilde_j, y_j ~ normal(theta_j, sigma_j).
// Stan 2.21 syntax (Debian's rstan): old array declarations.
data {
  int<lower=1> J;
  real y[J];
  real<lower=0> sigma[J];
}
parameters {
  real mu;
  real<lower=0> tau;
  vector[J] theta_tilde;
}
transformed parameters {
  vector[J] theta = mu + tau * theta_tilde;
}
model {
  mu ~ normal(0, 5);
  tau ~ cauchy(0, 5);
  theta_tilde ~ normal(0, 1);
  y ~ normal(theta, sigma);
}
