package org.elbo4j.model;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.elbo4j.dist.Distribution;
import org.elbo4j.tensor.Tensor;

/** Shape arithmetic of sites: padding, the broadcast test against the plates, per-particle sums and draws. */
final class SiteShapes {

    private SiteShapes() {
    }

    static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static int numel(int[] shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }

    /** {@code shape} with ones prepended up to {@code rank}; null if it is longer. */
    static int[] leftPad(int[] shape, int rank) {
        if (shape.length > rank) {
            return null;
        }
        int[] out = new int[rank];
        Arrays.fill(out, 1);
        System.arraycopy(shape, 0, out, rank - shape.length, shape.length);
        return out;
    }

    /** True when {@code shape} broadcasts to {@code target} without growing it. */
    static boolean broadcastsTo(int[] shape, int[] target) {
        int[] p = leftPad(shape, target.length);
        if (p == null) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (p[i] != 1 && p[i] != target[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The sum of {@code t} over every dimension but the first, as shape {@code [m]}, after padding
     * {@code t} with leading ones to {@code rank} (a leading 1 is expanded to m); with {@code m == 0}
     * (no particle dimension) the sum of everything, shape {@code [1]}.
     */
    static Tensor perParticle(Tensor t, int m, int rank) {
        if (m == 0) {
            return t.rank() == 0 ? t.reshape(1) : t.sum().reshape(1);
        }
        Tensor s = t.rank() < rank ? t.reshape(leftPad(t.shape(), rank)) : t;
        while (s.rank() > 1) {
            s = s.sum(-1, false);
        }
        return s.dim(0) == m ? s : s.expand(m);
    }

    /** 1 for the rows (first dimension) of the 1/0 mask that are all 1, else 0; shape {@code [m]}. */
    static float[] rowsAllTrue(Tensor mask, int m) {
        float[] v = mask.data();
        int per = v.length / m;
        float[] out = new float[m];
        for (int r = 0; r < m; r++) {
            boolean all = true;
            for (int j = 0; j < per && all; j++) {
                all = v[r * per + j] != 0f;
            }
            out[r] = all ? 1f : 0f;
        }
        return out;
    }

    /**
     * Independent draws of {@code d} over the batch shape {@code target} (which the distribution's
     * batch shape broadcasts to), shape {@code target ++ eventShape}. When the distribution's batch
     * is smaller, it draws {@code target ++ batch} values and keeps, for each target element, the
     * one of the batch element it broadcasts from.
     */
    static Tensor draw(Distribution d, int[] target, RandomGenerator rng) {
        int[] event = d.eventShape();
        int[] batch = leftPad(d.batchShape(), target.length);
        int[] outShape = concat(target, event);
        if (Arrays.equals(batch, target)) {
            return d.sample(rng).reshape(outShape);
        }
        Tensor all = d.sample(rng, target);
        int nb = numel(batch);
        if (nb == 1) {
            return all.reshape(outShape);
        }
        float[] src = all.data();
        int nt = numel(target);
        int ne = numel(event);
        float[] out = new float[nt * ne];
        int[] idx = new int[target.length];
        for (int t = 0; t < nt; t++) {
            int rem = t;
            for (int k = target.length - 1; k >= 0; k--) {
                idx[k] = rem % target[k];
                rem /= target[k];
            }
            int bi = 0;
            for (int k = 0; k < batch.length; k++) {
                bi = bi * batch[k] + (batch[k] == 1 ? 0 : idx[k]);
            }
            System.arraycopy(src, (t * nb + bi) * ne, out, t * ne, ne);
        }
        return Tensor.of(out, outShape);
    }
}
