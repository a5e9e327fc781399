#!/usr/bin/env Rscript
# Reference values for org.elbo4j.infer.PsisLoo and Waic (PsisLooTest, WaicTest) from the R
# package loo (Debian r-cran-loo 2.5.1). Builds three seeded log-likelihood matrices (draws x
# observations), rounds them to 12 significant digits, writes them as CSV to
#   elbo4j-core/src/test/resources/reference/loo/
# and prints loo()/waic()/loo_approximate_posterior() on exactly the written (rounded) values as
# Java literals to paste into the tests. Run from the repository root:
#   Rscript tools/loo_reference.R
suppressPackageStartupMessages(library(loo))
out <- "elbo4j-core/src/test/resources/reference/loo"
dir.create(out, showWarnings = FALSE, recursive = TRUE)
cat("# loo", as.character(packageVersion("loo")), "R", R.version.string, "\n")

write_matrix <- function(m, name) {
  m <- signif(m, 12)
  write.table(format(m, digits = 12, scientific = FALSE, trim = TRUE), file.path(out, name),
              sep = ",", row.names = FALSE, col.names = FALSE, quote = FALSE)
  # read back so that R computes on exactly what Java reads
  as.matrix(read.csv(file.path(out, name), header = FALSE))
}

java <- function(name, x) {
  cat(sprintf("    static final double[] %s = {%s};\n", name,
              paste(sprintf("%.15g", x), collapse = ", ")))
}

report <- function(tag, l, w = NULL) {
  e <- l$estimates
  java(paste0(tag, "_TOTALS"), c(e["elpd_loo", "Estimate"], e["elpd_loo", "SE"],
                                 e["p_loo", "Estimate"], e["p_loo", "SE"],
                                 e["looic", "Estimate"], e["looic", "SE"]))
  java(paste0(tag, "_ELPD"), l$pointwise[, "elpd_loo"])
  java(paste0(tag, "_K"), l$diagnostics$pareto_k)
  cat(sprintf("    // %s: k > 0.7: %d of %d\n", tag, sum(l$diagnostics$pareto_k > 0.7), length(l$diagnostics$pareto_k)))
  if (!is.null(w)) {
    we <- w$estimates
    java(paste0(tag, "_WAIC"), c(we["elpd_waic", "Estimate"], we["elpd_waic", "SE"],
                                 we["p_waic", "Estimate"], we["p_waic", "SE"],
                                 we["waic", "Estimate"], we["waic", "SE"]))
  }
}

# 1. Normal model, known sd 1, flat prior: posterior mu ~ N(mean(y), 1/n); one outlier (y = 6).
set.seed(20261206)
y <- c(rnorm(11), 6)
S <- 400
mu <- rnorm(S, mean(y), 1 / sqrt(length(y)))
ll <- sapply(y, function(yi) dnorm(yi, mu, 1, log = TRUE))
ll <- write_matrix(ll, "normal_400x12.csv")
report("NORMAL", loo(ll, r_eff = rep(1, ncol(ll))), waic(ll))

# 2. Normal likelihood with uncertain location and scale, few draws (S = 100, tail 20), two far
#    outliers: heavy-tailed ratios 1/p(y_i | theta) and k above 0.7.
set.seed(7)
y <- c(rnorm(8), 3.5, -4)
S <- 100
loc <- rnorm(S, 0, 0.4)
scale <- exp(rnorm(S, 0, 0.3))
ll <- sapply(y, function(yi) dnorm(yi, loc, scale, log = TRUE))
ll <- write_matrix(ll, "outliers_100x10.csv")
report("OUTLIERS", loo(ll, r_eff = rep(1, ncol(ll))), waic(ll))

# 3. Draws from an approximation q = N(m, 0.2^2) (too narrow) of the posterior of the normal mean
#    (prior N(0, 10^2), sd 1, n = 12): log_p = log prior + log likelihood, log_g = log q.
set.seed(42)
y <- rnorm(12, 1, 1)
S <- 400
m <- mean(y)
theta <- rnorm(S, m, 0.2)
ll <- sapply(y, function(yi) dnorm(yi, theta, 1, log = TRUE))
log_p <- dnorm(theta, 0, 10, log = TRUE) + rowSums(ll)
log_g <- dnorm(theta, m, 0.2, log = TRUE)
ratios <- write_matrix(cbind(log_p - log_g), "approx_ratios_400.csv")
ll <- write_matrix(ll, "approx_400x12.csv")
report("APPROX", loo_approximate_posterior(ll, log_p = ratios[, 1], log_g = rep(0, S)))
