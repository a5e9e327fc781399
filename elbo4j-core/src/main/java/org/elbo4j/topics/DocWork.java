package org.elbo4j.topics;


/**
 * The work arrays of one E-step chunk: a document's E log θ and exp E log θ, the φ normalisers of
 * its tokens, and the chunk's own sufficient-statistic buffer {@code Σ a_dk n_dw / s_dw}
 * (word-major V × K), of which only the rows of words the chunk saw are cleared and added, tracked
 * with a stamp per word. Allocated once per fit; nothing here allocates per document.
 */
final class DocWork {

    final double[] expTheta;
    final double[] elogTheta;
    final double[] accK;
    final double[] phinorm;
    private final int k;
    private final int v;
    private double[] stats;
    private final int[] stamp;
    private final int[] touched;
    private int touchedCount;
    private int currentStamp;

    DocWork(int k, int v, int maxEntries) {
        this.k = k;
        this.v = v;
        this.expTheta = new double[k];
        this.elogTheta = new double[k];
        this.accK = new double[k];
        this.phinorm = new double[Math.max(1, maxEntries)];
        this.stamp = new int[v];
        this.touched = new int[v];
    }

    /** Starts a new E-step run; with {@code withStats}, allocates the buffer on first use. */
    void begin(boolean withStats) {
        touchedCount = 0;
        currentStamp++;
        if (withStats && stats == null) {
            stats = new double[k * v];
        }
    }

    /** E log θ_k = ψ(γ_k) − ψ(Σγ) and its exponential, for the γ row at offset g. */
    void expectations(double[] gamma, int g) {
        double sum = 0;
        for (int t = 0; t < k; t++) {
            sum += gamma[g + t];
        }
        double psiSum = FastDigamma.value(sum);
        for (int t = 0; t < k; t++) {
            double e = FastDigamma.value(gamma[g + t]) - psiSum;
            elogTheta[t] = e;
            expTheta[t] = Math.exp(e);
        }
    }

    /** Adds {@code a_k · r} to the row of {@code word} for every topic k. */
    void accumulate(int word, double r) {
        int base = word * k;
        if (stamp[word] != currentStamp) {
            stamp[word] = currentStamp;
            touched[touchedCount++] = word;
            java.util.Arrays.fill(stats, base, base + k, 0.0);
        }
        for (int t = 0; t < k; t++) {
            stats[base + t] += expTheta[t] * r;
        }
    }

    /** Adds the rows this chunk touched to {@code out} (V × K, word-major). */
    void addTo(double[] out) {
        for (int j = 0; j < touchedCount; j++) {
            int base = touched[j] * k;
            for (int t = 0; t < k; t++) {
                out[base + t] += stats[base + t];
            }
        }
    }
}
