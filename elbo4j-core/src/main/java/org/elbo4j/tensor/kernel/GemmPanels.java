package org.elbo4j.tensor.kernel;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Where {@link VectorGemm} reads the panels of one k chunk {@code [k0, k0+len)} of a product from:
 * either in place from the operands, or from the packing buffer ({@link GemmPack} layouts, panel
 * after panel, B's panels after A's).
 *
 * <p>A panel is packed when it is reused by enough tiles to pay for the copy, when it cannot be
 * read in place (op(B) whose rows are strided) or when it is the ragged last panel (its zero padding
 * lets every tile run the full-size kernel). Packing is lazy and shared: the first task that needs
 * a panel claims it and packs it, tasks that need it meanwhile wait for it, and everyone else reads
 * the packed copy. The copy is exact, so which thread packs does not change the result; and a whole
 * product needs a single parallel loop.
 */
final class GemmPanels {

    private static final int FREE = 0;
    private static final int BUSY = 1;
    private static final int READY = 2;

    final GemmMicroKernel kernel;
    final int m;
    final int n;
    final int k0;
    final int len;
    final GemmOperand a;
    final GemmOperand b;
    final float[] packed;
    private final int mr;
    private final int nr;
    private final int rp;
    private final int cp;
    private final boolean allA;
    private final boolean allB;
    private final int aSlots;
    private final int bBase;
    private final AtomicIntegerArray state;

    /**
     * @param allA pack every A panel (else only a ragged last one)
     * @param allB pack every B panel (else only a ragged last one)
     */
    GemmPanels(GemmMicroKernel kernel, int m, int n, int k0, int len, GemmOperand a, GemmOperand b, boolean allA, boolean allB,
               float[] packed) {
        this.kernel = kernel;
        this.mr = kernel.mr;
        this.nr = kernel.nr;
        this.m = m;
        this.n = n;
        this.k0 = k0;
        this.len = len;
        this.a = a;
        this.b = b;
        this.packed = packed;
        this.rp = (m + mr - 1) / mr;
        this.cp = (n + nr - 1) / nr;
        this.allA = allA;
        this.allB = allB;
        this.aSlots = slotsA(m, mr, allA);
        this.bBase = aSlots * mr * len;
        this.state = new AtomicIntegerArray(aSlots + slotsB(n, nr, allB));
    }

    /** Packed A panels of mr rows for m rows: all of them, or one for a ragged last panel, or none. */
    static int slotsA(int m, int mr, boolean all) {
        return all ? (m + mr - 1) / mr : (m % mr != 0 ? 1 : 0);
    }

    /** Packed B panels of nr columns for n columns, as {@link #slotsA}. */
    static int slotsB(int n, int nr, boolean all) {
        return all ? (n + nr - 1) / nr : (n % nr != 0 ? 1 : 0);
    }

    boolean aPacked(int ip) {
        return allA || (ip == rp - 1 && m % mr != 0);
    }

    boolean bPacked(int jp) {
        return allB || (jp == cp - 1 && n % nr != 0);
    }

    /** Offset in {@link #packed} of A panel ip at k = p0, packing it first if nobody has. */
    int aOffset(int ip, int p0) {
        int slot = allA ? ip : 0;
        int base = slot * len * mr;
        if (state.get(slot) != READY) {
            ensure(slot, () -> GemmPack.packA(mr, a, m, k0, len, ip, ip + 1, packed, base - ip * len * mr));
        }
        return base + (p0 - k0) * mr;
    }

    /** Offset in {@link #packed} of B panel jp at k = p0, packing it first if nobody has. */
    int bOffset(int jp, int p0) {
        int slot = allB ? jp : 0;
        int base = bBase + slot * len * nr;
        if (state.get(aSlots + slot) != READY) {
            ensure(aSlots + slot, () -> GemmPack.packB(nr, b, n, k0, len, jp, jp + 1, packed, base - jp * len * nr));
        }
        return base + (p0 - k0) * nr;
    }

    private void ensure(int slot, Runnable pack) {
        if (state.compareAndSet(slot, FREE, BUSY)) {
            try {
                pack.run();
            } catch (RuntimeException | Error e) {
                state.set(slot, FREE);
                throw e;
            }
            state.set(slot, READY);
            return;
        }
        // another task is packing it: a short copy, so wait on the spot
        for (int spins = 0; state.get(slot) != READY; spins++) {
            if (state.get(slot) == FREE && state.compareAndSet(slot, FREE, BUSY)) {
                pack.run();
                state.set(slot, READY);
                return;
            }
            if (spins < 10_000) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }
}
