"""Reference numbers of the flow tests (scipy quadrature and closed forms).

Usage: /usr/bin/python3 tools/flow/skewed_target.py
 - SkewedFlowFitTest's target, the log of a Gamma(1, 1) variable, l(u) = u - exp(u): its normaliser,
   mean and sd by quadrature, against psi(1) = -gamma and sqrt(psi'(1)) = pi / sqrt(6);
 - the sd and mean of the Gaussian closest to it in KL(q || p) (m = -s^2/2, s = 1, by minimising
   -E_q[l] - H[q] numerically);
 - AffineAutoregressiveLayer.MEAN_LOG_COSH = E[log cosh Z], Z ~ N(0, 1).
"""
import numpy as np
from scipy import integrate, optimize, special


def main():
    p = lambda u: np.exp(u - np.exp(u))
    z = integrate.quad(p, -60, 10, epsabs=1e-14)[0]
    m = integrate.quad(lambda u: u * p(u), -60, 10, epsabs=1e-14)[0] / z
    v = integrate.quad(lambda u: (u - m) ** 2 * p(u), -60, 10, epsabs=1e-14)[0] / z
    print(f"log-gamma(1): normaliser {z:.15f}, mean {m:.15f} (psi(1) {special.digamma(1):.15f}),"
          f" sd {np.sqrt(v):.15f} (pi/sqrt(6) {np.pi / np.sqrt(6):.15f})")

    def neg_elbo(x):
        mu, log_s = x
        s = np.exp(log_s)
        return -(mu - np.exp(mu + s * s / 2) + log_s)   # E_q[u - e^u] + log s (+ const)

    r = optimize.minimize(neg_elbo, [0.0, 0.0], tol=1e-12)
    print(f"KL-closest Gaussian: mean {r.x[0]:.6f}, sd {np.exp(r.x[1]):.6f}")
    f = lambda t: np.log(np.cosh(t)) * np.exp(-t * t / 2) / np.sqrt(2 * np.pi)
    print(f"E[log cosh Z] = {integrate.quad(f, -40, 40, epsabs=1e-14)[0]:.16f}")


if __name__ == "__main__":
    main()
