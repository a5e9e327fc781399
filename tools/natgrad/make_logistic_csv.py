#!/usr/bin/python3
"""A logistic-regression CSV for timing `elbo4j fit --model logistic` (adam vs natural):
x ~ N(0, I_D), alpha = 0.3, beta_j = (-1)^j (1 + j mod 3)/sqrt(D) (the Spark bench's coefficients),
y ~ Bernoulli(sigmoid(alpha + x.beta)), seed 1, 6 significant digits.
Run: /usr/bin/python3 tools/natgrad/make_logistic_csv.py OUT.csv N D"""
import sys

import numpy as np

out, n, d = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = np.random.default_rng(1)
x = rng.standard_normal((n, d))
beta = np.array([(-1) ** j * (1 + j % 3) / np.sqrt(d) for j in range(d)])
y = (rng.random(n) < 1 / (1 + np.exp(-(0.3 + x @ beta)))).astype(int)
header = ','.join([f'x{j + 1}' for j in range(d)] + ['y'])
np.savetxt(out, np.column_stack([x, y]), delimiter=',', header=header, comments='', fmt=['%.6g'] * d + ['%d'])
