#!/usr/bin/Rscript
# Long-run NUTS reference for the N = 1000 hierarchical Poisson regression (elbo4j
# model/DoublePathReferenceTest). Run from the repository root:
#   Rscript tools/poisson_nuts/run_nuts.R
# Data: tools/poisson_nuts/poisson_regression_1000.csv, written by
#   java -cp <test classpath> org.elbo4j.model.DoublePathBench export tools/poisson_nuts/poisson_regression_1000.csv
suppressMessages(library(rstan))
d <- read.csv("tools/poisson_nuts/poisson_regression_1000.csv")
data <- list(N = nrow(d), G = 8L, x = d$x, y = d$y, group = d$group)
fit <- stan("tools/poisson_nuts/poisson_regression.stan", data = data, chains = 4, iter = 6000, warmup = 1000,
            seed = 20261206, refresh = 0, control = list(adapt_delta = 0.95))
s <- summary(fit, pars = c("mu", "sigma", "beta", "alpha"))$summary
options(digits = 6)
print(s[, c("mean", "se_mean", "sd", "n_eff", "Rhat")])
