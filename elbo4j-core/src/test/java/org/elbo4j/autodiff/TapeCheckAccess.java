package org.elbo4j.autodiff;

/** {@link TapeCheck}'s comparison for tests in other packages. */
public final class TapeCheckAccess {

    private TapeCheckAccess() {
    }

    /** Max-norm relative comparison (absolute below 1), as {@link TapeCheck#assertClose}. */
    public static void assertClose(String what, double[] expected, double[] actual, double tol) {
        TapeCheck.assertClose(what, expected, actual, tol);
    }
}
