#!/usr/bin/env Rscript
# Simulated data sets for bench/compare_brms.sh (seeded; the CSVs are committed beside this file).
#   bernoulli_correlated.csv: 40 groups x 25 rows, y ~ Bernoulli(logit^-1(-0.5 + x + a_g + b_g x)),
#     (a_g, b_g) ~ N(0, diag(1, 0.5) [1 0.5; 0.5 1] diag(1, 0.5)); columns y, x, g.
#   gaussian_crossed.csv: 20 subjects crossed with 15 items, 2 replicates each (600 rows),
#     y = 1 + 0.5 x + u_subject + w_item + e, sd(u) = 1, sd(w) = 0.7, sd(e) = 1; columns y, x, subject, item.
# Run from the repository root: Rscript bench/brms/make_data.R
here <- "bench/brms"
set.seed(2026)
groups <- 40
per <- 25
sd_g <- c(1, 0.5)
cor_g <- matrix(c(1, 0.5, 0.5, 1), 2)
L <- t(chol(diag(sd_g) %*% cor_g %*% diag(sd_g)))
ab <- t(L %*% matrix(rnorm(2 * groups), 2))
g <- rep(seq_len(groups), each = per)
x <- rnorm(groups * per)
eta <- -0.5 + x + ab[g, 1] + ab[g, 2] * x
y <- rbinom(length(eta), 1, plogis(eta))
write.csv(data.frame(y = y, x = round(x, 6), g = sprintf("g%02d", g)),
          file.path(here, "bernoulli_correlated.csv"), row.names = FALSE, quote = FALSE)

set.seed(2027)
subjects <- 20
items <- 15
d <- expand.grid(rep = 1:2, item = seq_len(items), subject = seq_len(subjects))
u <- rnorm(subjects, 0, 1)
w <- rnorm(items, 0, 0.7)
d$x <- rnorm(nrow(d))
d$y <- 1 + 0.5 * d$x + u[d$subject] + w[d$item] + rnorm(nrow(d))
write.csv(data.frame(y = round(d$y, 6), x = round(d$x, 6), subject = sprintf("s%02d", d$subject),
                     item = sprintf("i%02d", d$item)),
          file.path(here, "gaussian_crossed.csv"), row.names = FALSE, quote = FALSE)
