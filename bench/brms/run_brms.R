#!/usr/bin/env Rscript
# brms side of bench/compare_brms.sh: fits one model of bench/brms/models.tsv with NUTS (the
# reference posterior) and brms's ADVI (meanfield, fullrank), and writes one JSON file:
#   {model, family, formula, data, priors, n, versions, compile_seconds,
#    methods: {nuts|meanfield|fullrank: {seconds, posterior: {NAME: {mean, sd}}, loo: {...}, ...}}}
# Compile time is measured apart (brm(..., chains = 0) compiles without sampling); each method then
# runs with update(recompile = FALSE), whose wall time ("seconds") includes brms's R-side
# pre/post-processing (about 0.5-1 s); for NUTS "stan_seconds" is Stan's own elapsed time
# (warmup + sampling, the longest chain, since chains run in parallel on `cores`).
# brms centres the predictors by default; here center = FALSE so that the Intercept prior is on the
# intercept of the formula as written (brms then names it b_Intercept, of class b, coef Intercept).
#
# Usage: Rscript bench/brms/run_brms.R --model NAME --out FILE [--chains 4] [--iter 2000]
#          [--advi-iter 10000] [--seed 1] [--cores 2]
suppressPackageStartupMessages({
  library(brms)
  library(loo)
  library(jsonlite)
})
args <- commandArgs(trailingOnly = TRUE)
opt <- list(model = NA, out = NA, chains = "4", iter = "2000", `advi-iter` = "10000", seed = "1", cores = "2")
i <- 1
while (i <= length(args)) {
  key <- sub("^--", "", args[i])
  if (!(key %in% names(opt)) || i == length(args)) stop("run_brms.R: unknown or incomplete option ", args[i])
  opt[[key]] <- args[i + 1]
  i <- i + 2
}
if (is.na(opt$model) || is.na(opt$out)) stop("run_brms.R: --model and --out are required")
specs <- read.delim("bench/brms/models.tsv", header = FALSE, comment.char = "#", quote = "",
                    col.names = c("name", "family", "formula", "data", "priors"), stringsAsFactors = FALSE)
spec <- specs[specs$name == opt$model, ]
if (nrow(spec) != 1) stop("run_brms.R: unknown model ", opt$model, " (see bench/brms/models.tsv)")
data <- read.csv(spec$data)
prior_terms <- trimws(strsplit(spec$priors, ";")[[1]])
priors <- do.call(c, lapply(prior_terms, function(p) {
  parts <- trimws(strsplit(p, " on ", fixed = TRUE)[[1]])
  # with center = FALSE brms 2.18 fits the intercept as the coefficient "Intercept" of class b
  if (parts[2] == "Intercept") set_prior(parts[1], class = "b", coef = "Intercept")
  else set_prior(parts[1], class = parts[2])
}))
family <- switch(spec$family, poisson = poisson(), bernoulli = bernoulli(), gaussian = gaussian(),
                 stop("run_brms.R: family ", spec$family))
seed <- as.integer(opt$seed)
form <- bf(as.formula(spec$formula), center = FALSE)

message(sprintf("run_brms.R: %s: compiling", spec$name))
compile_seconds <- system.time(
  fit0 <- brm(form, data = data, family = family, prior = priors, chains = 0, silent = 2, refresh = 0)
)[["elapsed"]]
message(sprintf("run_brms.R: %s: compiled in %.1f s", spec$name, compile_seconds))

keep <- function(names) grepl("^(b_|sd_|cor_|sigma$|shape$)", names)

summarise <- function(fit) {
  draws <- as_draws_matrix(fit)
  out <- list()
  for (name in colnames(draws)[keep(colnames(draws))]) {
    out[[name]] <- list(mean = mean(draws[, name]), sd = sd(draws[, name]))
  }
  out
}

loo_summary <- function(fit) {
  l <- suppressWarnings(loo(fit))
  k <- l$diagnostics$pareto_k
  e <- l$estimates
  list(elpd_loo = e["elpd_loo", "Estimate"], se = e["elpd_loo", "SE"], p_loo = e["p_loo", "Estimate"],
       looic = e["looic", "Estimate"], k_max = max(k), k_above_0_7 = sum(k > 0.7), n = length(k))
}

run <- function(method) {
  message(sprintf("run_brms.R: %s: %s", spec$name, method))
  t <- system.time(fit <- if (method == "nuts") {
    update(fit0, recompile = FALSE, chains = as.integer(opt$chains), iter = as.integer(opt$iter),
           cores = as.integer(opt$cores), seed = seed, refresh = 0, silent = 2)
  } else {
    update(fit0, recompile = FALSE, algorithm = method, iter = as.integer(opt$`advi-iter`), seed = seed,
           refresh = 0, silent = 2)
  })[["elapsed"]]
  r <- list(seconds = t, posterior = summarise(fit), loo = loo_summary(fit))
  if (method == "nuts") {
    el <- rstan::get_elapsed_time(fit$fit)
    np <- nuts_params(fit)
    r$stan_seconds <- max(rowSums(el))
    r$divergences <- sum(np$Value[np$Parameter == "divergent__"])
    r$max_rhat <- max(rhat(fit)[keep(names(rhat(fit)))], na.rm = TRUE)
  }
  r
}

methods <- list()
for (m in c("nuts", "meanfield", "fullrank")) methods[[m]] <- run(m)
result <- list(model = spec$name, family = spec$family, formula = spec$formula, data = spec$data,
               priors = prior_terms, n = nrow(data), center = FALSE,
               brms = as.character(packageVersion("brms")), rstan = as.character(packageVersion("rstan")),
               loo = as.character(packageVersion("loo")), chains = as.integer(opt$chains),
               iter = as.integer(opt$iter), advi_iter = as.integer(opt$`advi-iter`), seed = seed,
               cores = as.integer(opt$cores),
               cpu = tryCatch(sub(".*: ", "", grep("model name", readLines("/proc/cpuinfo"), value = TRUE)[1]),
                              error = function(e) NA),
               date = format(Sys.time(), "%Y-%m-%dT%H:%M:%SZ", tz = "UTC"),
               compile_seconds = compile_seconds, methods = methods)
writeLines(toJSON(result, auto_unbox = TRUE, digits = I(8), pretty = TRUE), opt$out)
message(sprintf("run_brms.R: %s: wrote %s", spec$name, opt$out))
