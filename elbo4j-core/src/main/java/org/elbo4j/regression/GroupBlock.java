package org.elbo4j.regression;

import org.elbo4j.formula.GroupDesign;

/**
 * Where one group-level term's coordinates sit in the unconstrained vector of a
 * {@link RegressionModel}: K log standard deviations at {@code sdAt}, the K(K−1)/2 coordinates of
 * the correlation Cholesky factor at {@code corAt}, and J × K effect coordinates (level-major) at
 * {@code zAt}: the standard-normal z_j with {@code r_j = diag(sd) L z_j} for a
 * {@link Centring#NONCENTRED} term, r_j itself for a {@link Centring#CENTRED} one.
 *
 * @param design the data side (Z and the level of every row)
 * @param sdAt   the first log-sd coordinate
 * @param corAt  the first correlation coordinate
 * @param zAt    the first effect coordinate (z or r)
 * @param centring which of the two the effect coordinates are
 */
record GroupBlock(GroupDesign design, int sdAt, int corAt, int zAt, Centring centring) {

    /** True for a {@link Centring#CENTRED} term. */
    boolean centred() {
        return centring == Centring.CENTRED;
    }

    /** K. */
    int k() {
        return design.size();
    }

    /** J. */
    int j() {
        return design.levelCount();
    }

    /** The number of coordinates of the block: K + K(K−1)/2 + J K. */
    int size() {
        return k() + CorrCholesky.size(k()) + j() * k();
    }
}
