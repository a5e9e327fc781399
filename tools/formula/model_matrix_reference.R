# Reference design matrices for org.elbo4j.formula.DesignMatrixTest: R's model.matrix on mm_data.csv.
# Run: Rscript tools/formula/model_matrix_reference.R > tools/formula/model_matrix_reference.txt
# Character columns are factors with levels sorted in the C locale (as elbo4j sorts them).
invisible(Sys.setlocale("LC_COLLATE", "C"))
d <- read.csv(file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), "mm_data.csv"),
              stringsAsFactors = FALSE)
d$f <- factor(d$f, levels = sort(unique(d$f)))
d$g <- factor(d$g, levels = sort(unique(d$g)))
formulas <- c("y ~ x1 + x2 + x1:x2", "y ~ x1 * f", "y ~ 0 + f + g", "y ~ factor(k) + x1 - 1", "y ~ f:g",
              "y ~ x1:f + f", "y ~ x2 * x1 * g", "~ 1 + x1", "~ 0 + f", "y ~ f * g")
for (fo in formulas) {
  m <- model.matrix(as.formula(fo), d)
  cat("formula: ", fo, "\n", sep = "")
  cat("names: ", paste(colnames(m), collapse = "|"), "\n", sep = "")
  for (i in seq_len(nrow(m))) cat(paste(format(m[i, ], digits = 15, trim = TRUE), collapse = " "), "\n", sep = "")
}
