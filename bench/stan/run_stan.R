#!/usr/bin/env Rscript
# Stan anchor for `elbo4j fit`: ADVI mean-field and full-rank (rstan::vb, Stan's defaults) and
# NUTS (rstan::sampling) as the reference posterior, on the same CSV files elbo4j reads.
# Each model is compiled once and cached next to the .stan file (rstan_options(auto_write = TRUE));
# compile time is excluded from every timing. Prints one JSON line per (model, method):
#   {"model","method","seconds","posterior":{NAME:{"mean","sd"}}}
#
# Usage: Rscript bench/stan/run_stan.R [--model logistic|eight-schools|all]
#          [--logistic-data FILE] [--eight-schools-data FILE] [--methods meanfield,fullrank,nuts]
#          [--chains 4] [--iter 2000] [--seed 1] [--advi-seeds 1] [--prior-scale 1] [--intercept-scale 1]
# ADVI runs once per seed in seed, seed + 1, ..., seed + advi-seeds - 1 (each line carries its "seed"); NUTS once.
suppressPackageStartupMessages({
  library(rstan)
  library(jsonlite)
})
rstan_options(auto_write = TRUE)

args <- commandArgs(trailingOnly = TRUE)
here <- dirname(normalizePath(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)[1])))
opt <- list(model = "all", `logistic-data` = file.path(here, "logistic_data.csv"),
            `eight-schools-data` = file.path(here, "eight_schools.csv"), methods = "meanfield,fullrank,nuts",
            chains = "4", iter = "2000", seed = "1", `advi-seeds` = "1", `prior-scale` = "1", `intercept-scale` = "1")
i <- 1
while (i <= length(args)) {
  key <- sub("^--", "", args[i])
  if (!(key %in% names(opt)) || i == length(args)) stop("run_stan.R: unknown or incomplete option ", args[i])
  opt[[key]] <- args[i + 1]
  i <- i + 2
}
methods <- strsplit(opt$methods, ",")[[1]]
seed <- as.integer(opt$seed)
chains <- as.integer(opt$chains)
iter <- as.integer(opt$iter)
options(mc.cores = min(chains, parallel::detectCores()))

compile <- function(file) {
  t <- system.time(m <- stan_model(file.path(here, file)))[["elapsed"]]
  message(sprintf("run_stan.R: %s ready in %.1f s (compile or cache load, not timed below)", file, t))
  m
}

summarise <- function(fit, pars) {
  draws <- as.matrix(fit, pars = pars)
  out <- list()
  for (name in colnames(draws)) {
    out[[name]] <- list(mean = mean(draws[, name]), sd = sd(draws[, name]))
  }
  out
}

emit <- function(model, method, seconds, posterior, extra = list()) {
  cat(toJSON(c(list(model = model, method = method, seconds = seconds), extra, list(posterior = posterior)),
             auto_unbox = TRUE, digits = I(8)), "\n", sep = "")
}

run_methods <- function(name, sm, data, pars) {
  force(sm)  # compile (or load the cache) before any timing: arguments are lazy in R
  # untimed short vb() calls first: the first call of a session also pays one-off set-up (loading
  # the compiled model, R-side initialisation), about 0.1 s here, which is not part of a fit
  for (algorithm in c("meanfield", "fullrank")) {
    invisible(capture.output(suppressWarnings(try(vb(sm, data = data, algorithm = algorithm, iter = 100,
                                                     output_samples = 10, seed = seed), silent = TRUE))))
  }
  for (method in methods) {
    if (method %in% c("meanfield", "fullrank")) {
      for (s in seed + seq_len(as.integer(opt$`advi-seeds`)) - 1) {
        fit <- NULL
        log <- capture.output(t <- system.time(fit <- vb(sm, data = data, algorithm = method, seed = s))[["elapsed"]],
                              type = "output")
        emit(name, paste0("advi-", method), t, summarise(fit, pars), list(seed = s))
      }
    } else if (method == "nuts") {
      fit <- NULL
      t <- system.time(fit <- sampling(sm, data = data, chains = chains, iter = iter, seed = seed,
                                       refresh = 0))[["elapsed"]]
      s <- summary(fit, pars = pars)$summary
      emit(name, "nuts", t, summarise(fit, pars),
           list(chains = chains, iter = iter, max_rhat = max(s[, "Rhat"], na.rm = TRUE),
                min_ess = min(s[, "n_eff"], na.rm = TRUE),
                divergences = sum(get_divergent_iterations(fit))))
    } else {
      stop("run_stan.R: unknown method ", method)
    }
  }
}

if (opt$model %in% c("logistic", "all")) {
  csv <- read.csv(opt$`logistic-data`)
  X <- as.matrix(csv[, setdiff(names(csv), "y")])
  data <- list(N = nrow(X), D = ncol(X), X = X, y = as.integer(csv$y),
               prior_scale = as.numeric(opt$`prior-scale`), intercept_scale = as.numeric(opt$`intercept-scale`))
  run_methods("logistic", compile("logistic_regression.stan"), data, c("alpha", "beta"))
}
if (opt$model %in% c("eight-schools", "all")) {
  csv <- read.csv(opt$`eight-schools-data`)
  data <- list(J = nrow(csv), y = csv$y, sigma = csv$sigma)
  run_methods("eight-schools", compile("eight_schools_noncentered.stan"), data, c("mu", "tau", "theta_tilde", "theta"))
}
