#!/usr/bin/env Rscript
# Exports three data sets shipped with the R package brms (Debian r-cran-brms 2.18) to CSV under
# data/brms/, for elbo4j's tests, README examples and bench/compare_brms.sh. Run from the
# repository root:  Rscript tools/export_brms_data.R
# Factors are written as their labels; numbers with up to 15 significant digits; no row names.
suppressPackageStartupMessages(library(brms))
out <- "data/brms"
dir.create(out, showWarnings = FALSE, recursive = TRUE)
export <- function(name) {
  env <- new.env()
  data(list = name, package = "brms", envir = env)
  d <- get(name, envir = env)
  for (col in names(d)) {
    if (is.factor(d[[col]])) d[[col]] <- as.character(d[[col]])
    if (is.double(d[[col]])) d[[col]] <- signif(d[[col]], 15)
  }
  write.csv(d, file.path(out, paste0(name, ".csv")), row.names = FALSE, quote = FALSE)
  cat(sprintf("%s: %d rows, columns %s\n", name, nrow(d), paste(names(d), collapse = ", ")))
}
cat("brms", as.character(packageVersion("brms")), "\n")
for (name in c("epilepsy", "kidney", "inhaler")) export(name)
