#!/usr/bin/env bash
# PSIS-LOO from draws of a fitted Gaussian with their p/q ratios (elbo4j's RegressionFit.LooInput and
# infer.PsisLoo.of(logLik, logRatios)) against R's loo::loo_approximate_posterior on the same matrix.
# Needs ./elbo4j built (mvn -q -o package -DskipTests) and r-cran-loo. Output of 2026-12-06 (loo 2.5.1):
#   elbo4j: elpd_loo -869.015833 se 17.736910 p_loo 20.588250 k>0.7 600
#   R loo: elpd_loo -869.015833 se 17.736910 p_loo 20.588250 k>0.7 600
set -euo pipefail
cd "$(dirname "$0")/../.."
tmp="$(mktemp)"
trap 'rm -f "$tmp"' EXIT
java -cp elbo4j-cli/target/elbo4j-cli.jar tools/regression_loo/Dump.java "$tmp"
Rscript -e 'suppressMessages(library(loo)); x <- as.matrix(read.csv(commandArgs(TRUE)[1], header = FALSE));
  l <- suppressWarnings(loo_approximate_posterior(x[, -1], log_p = x[, 1], log_g = rep(0, nrow(x)), r_eff = NULL))
  e <- l$estimates
  cat(sprintf("R loo: elpd_loo %.6f se %.6f p_loo %.6f k>0.7 %d\n", e["elpd_loo", 1], e["elpd_loo", 2],
      e["p_loo", 1], sum(l$diagnostics$pareto_k > 0.7)))' "$tmp"
