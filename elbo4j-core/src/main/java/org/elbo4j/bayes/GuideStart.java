package org.elbo4j.bayes;

/** The argument checks shared by the Gaussian guides' factories, and their blow-up test. */
final class GuideStart {

    private GuideStart() {
    }

    /**
     * @throws IllegalArgumentException naming {@code owner} when init is empty or not finite, or
     *     initScale is not finite and &gt; 0
     */
    static void check(String owner, double[] init, double initScale) {
        if (init.length == 0) {
            throw new IllegalArgumentException(owner + ": init must have at least one coordinate, got 0");
        }
        for (int i = 0; i < init.length; i++) {
            if (!Double.isFinite(init[i])) {
                throw new IllegalArgumentException(owner + ": init must be finite, got " + init[i] + " at index " + i);
            }
        }
        if (!(initScale > 0) || Double.isInfinite(initScale)) {
            throw new IllegalArgumentException(owner + ": initScale must be finite and > 0, got " + initScale);
        }
    }

    /** True when some |values[from..to)| exceeds the limit or is not finite. */
    static boolean exceeds(double[] values, int from, int to, double limit) {
        for (int i = from; i < to; i++) {
            if (!(Math.abs(values[i]) <= limit)) {
                return true;
            }
        }
        return false;
    }
}
