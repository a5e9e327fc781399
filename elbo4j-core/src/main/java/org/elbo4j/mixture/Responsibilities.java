package org.elbo4j.mixture;

/**
 * The responsibilities {@code r_nk = q(z_n = k)} of a mixture over N points (each row sums to 1),
 * with the sufficient statistics of the next M-step: {@code N_k = Σ_n r_nk} and
 * {@code Σ_n r_nk x_n}. When they come from an E-step, {@code r_nk ∝ exp(ℓ_nk)} for the
 * component log-terms ℓ_nk, and {@link #logNormalizer()} is {@code Σ_n log Σ_k exp(ℓ_nk)} (the
 * log-likelihood for EM), {@link #sumRLogR()} is {@code Σ_n Σ_k r_nk log r_nk}.
 *
 * <p>Values are stored by {@link MixtureData} block, component-major within a block.
 */
public final class Responsibilities {

    private final int n;
    private final int k;
    final double[] values;
    final double[] counts;
    final double[][] sums;
    private final double logNormalizer;
    private final double sumRLogR;

    Responsibilities(int n, int k, double[] values, double[] counts, double[][] sums, double logNormalizer,
            double sumRLogR) {
        this.n = n;
        this.k = k;
        this.values = values;
        this.counts = counts;
        this.sums = sums;
        this.logNormalizer = logNormalizer;
        this.sumRLogR = sumRLogR;
    }

    /**
     * Responsibilities given as an N×K table {@code r[n][k]} (any q(z); rows must be probability
     * vectors), with the statistics computed from the data.
     *
     * @throws IllegalArgumentException if the shape is wrong, an entry is negative or not finite,
     *     or a row does not sum to 1 within 1e-9
     */
    public static Responsibilities of(MixtureData data, double[][] r) {
        if (r.length != data.size()) {
            throw new IllegalArgumentException("Responsibilities: r has " + r.length + " rows, data has "
                    + data.size() + " points");
        }
        int k = r[0].length;
        int d = data.dimension();
        final int B = MixtureData.BLOCK;
        double[] v = new double[data.blocks() * k * B];
        double[] counts = new double[k];
        double[][] sums = new double[k][d];
        double rlr = 0;
        for (int i = 0; i < r.length; i++) {
            if (r[i].length != k) {
                throw new IllegalArgumentException("Responsibilities: row " + i + " has " + r[i].length
                        + " entries, row 0 has " + k);
            }
            double total = 0;
            for (int c = 0; c < k; c++) {
                double q = r[i][c];
                if (!(q >= 0) || !Double.isFinite(q)) {
                    throw new IllegalArgumentException("Responsibilities: r[" + i + "][" + c
                            + "] must be finite and >= 0, got " + q);
                }
                total += q;
                v[(i / B) * k * B + c * B + i % B] = q;
                counts[c] += q;
                for (int j = 0; j < d; j++) {
                    sums[c][j] += q * data.get(i, j);
                }
                if (q > 0) {
                    rlr += q * Math.log(q);
                }
            }
            if (Math.abs(total - 1) > 1e-9) {
                throw new IllegalArgumentException("Responsibilities: row " + i + " must sum to 1, got " + total);
            }
        }
        return new Responsibilities(r.length, k, v, counts, sums, Double.NaN, rlr);
    }

    /** The number of points N. */
    public int size() {
        return n;
    }

    /** The number of components K. */
    public int components() {
        return k;
    }

    /** r_nk. */
    public double get(int point, int component) {
        final int B = MixtureData.BLOCK;
        return values[(point / B) * k * B + component * B + point % B];
    }

    /** The N×K table r[n][k]. */
    public double[][] toArray() {
        double[][] r = new double[n][k];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                r[i][c] = get(i, c);
            }
        }
        return r;
    }

    /** For each point the component of largest responsibility (the lowest index on ties). */
    public int[] labels() {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (get(i, c) > get(i, best)) {
                    best = c;
                }
            }
            labels[i] = best;
        }
        return labels;
    }

    /** N_k = Σ_n r_nk (a copy). */
    public double[] counts() {
        return counts.clone();
    }

    /** Σ_n log Σ_k exp(ℓ_nk) of the E-step that made these responsibilities; NaN for {@link #of}. */
    public double logNormalizer() {
        return logNormalizer;
    }

    /** Σ_n Σ_k r_nk log r_nk (0 log 0 = 0), minus the entropy of q(z). */
    public double sumRLogR() {
        return sumRLogR;
    }
}
