#!/usr/bin/python3
"""Simulated counts for the README's formula example: data/formula/sim_poisson.csv.

30 groups g of 20 rows; x ~ N(0, 1); (r0, r1) ~ N(0, [[0.5^2, 0.3*0.5*0.25], [., 0.25^2]]);
y ~ Poisson(exp(0.5 + r0 + (0.3 + r1) x)); exposure t ~ U(0.5, 2) enters as offset(log(t)).
Run: /usr/bin/python3 tools/formula/simulate_poisson.py > data/formula/sim_poisson.csv
"""
import numpy as np

rng = np.random.default_rng(20261206)
sd0, sd1, rho = 0.5, 0.25, 0.3
cov = np.array([[sd0 ** 2, rho * sd0 * sd1], [rho * sd0 * sd1, sd1 ** 2]])
print("y,x,g,t")
for j in range(30):
    r0, r1 = rng.multivariate_normal([0, 0], cov)
    for _ in range(20):
        x = rng.normal()
        t = rng.uniform(0.5, 2)
        y = rng.poisson(t * np.exp(0.5 + r0 + (0.3 + r1) * x))
        print(f"{y},{x:.5f},g{j:02d},{t:.4f}")
