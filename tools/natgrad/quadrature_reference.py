#!/usr/bin/python3
"""Reference values for NormalQuadratureTest: E[l(eta)], E[l'(eta)], E[l''(eta)] for eta ~ N(mu, s^2)
and the logistic log-likelihood l(eta) = y eta - softplus(eta), by scipy.integrate.quad (adaptive
Gauss-Kronrod, split at the kink-like region eta = 0, epsabs 1e-15), independent of the Java
Gauss-Hermite / Gauss-Legendre rules. Prints Java array rows {mu, s, y, E l, E l', E l''}.
Run: /usr/bin/python3 tools/natgrad/quadrature_reference.py"""
import warnings

import numpy as np
from scipy import integrate

warnings.filterwarnings('ignore')


def expect(mu, s, y, k):
    def f(t):
        eta = mu + s * t
        sig = 0.5 * (1 + np.tanh(eta / 2))
        v = [y * eta - np.logaddexp(0, eta), y - sig, -sig * (1 - sig)][k]
        return v * np.exp(-t * t / 2) / np.sqrt(2 * np.pi)
    pts = [-mu / s] if s > 0 else None
    v, _ = integrate.quad(f, -40, 40, points=pts, epsabs=1e-15, epsrel=1e-14, limit=2000)
    return v


for mu in [-7.0, -2.5, -0.4, 0.0, 0.9, 3.0, 12.0]:
    for s in [0.02, 0.29, 0.55, 0.95, 1.5, 2.2, 4.0, 9.0]:
        for y in [0, 1]:
            vals = [expect(mu, s, y, k) for k in range(3)]
            print('{%r, %r, %d, %s},' % (mu, s, y, ', '.join('%.17g' % v for v in vals)))
