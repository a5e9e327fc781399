package org.elbo4j.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AscentMonitorTest {

    @Test
    void convergesWhenTheRelativeChangeIsWithinTolerance() {
        AscentMonitor m = AscentMonitor.of(1e-6, 100);
        assertFalse(m.add(-1000.0));
        assertFalse(m.add(-990.0));
        assertFalse(m.add(-989.9));
        assertTrue(m.add(-989.9 + 1e-4)); // 1e-4 / 989.9 ≈ 1.0e-7 <= 1e-6
        assertEquals(Verdict.CONVERGED, m.verdict());
        assertArrayEquals(new double[] {-1000.0, -990.0, -989.9, -989.9 + 1e-4}, m.trace().toArray());
    }

    @Test
    void aDecreaseBeyondRoundOffIsDiverging() {
        AscentMonitor m = AscentMonitor.of(1e-9, 100);
        m.add(-10.0);
        assertTrue(m.add(-10.0 - 1e-12)); // a fall of 1e-13 relative is round-off, not DIVERGING
        assertEquals(Verdict.CONVERGED, m.verdict());
        AscentMonitor n = AscentMonitor.of(0.0, 100);
        n.add(-10.0);
        assertTrue(n.add(-10.5));
        assertEquals(Verdict.DIVERGING, n.verdict());
        assertTrue(n.reason().contains("fell by 0.5"), n.reason());
    }

    @Test
    void nonFiniteAndBudget() {
        AscentMonitor m = AscentMonitor.of(1e-6, 100);
        m.add(1.0);
        assertTrue(m.add(Double.NaN));
        assertEquals(Verdict.NON_FINITE, m.verdict());
        assertThrows(IllegalStateException.class, () -> m.add(2.0));

        AscentMonitor b = AscentMonitor.of(1e-12, 3);
        assertFalse(b.add(1.0));
        assertFalse(b.add(2.0));
        assertTrue(b.add(3.0));
        assertEquals(Verdict.MAX_STEPS, b.verdict());
        assertThrows(IllegalStateException.class, () -> AscentMonitor.of(1e-6, 1).verdict());
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> AscentMonitor.of(-1, 10));
        assertThrows(IllegalArgumentException.class, () -> AscentMonitor.of(Double.NaN, 10));
        assertThrows(IllegalArgumentException.class, () -> AscentMonitor.of(1e-6, 0));
    }

    @Test
    void traceReportsTheLargestRelativeDecrease() {
        ObjectiveTrace t = new ObjectiveTrace();
        for (double v : new double[] {1, 2, 1.5, 3, 2.9}) {
            t.add(v);
        }
        assertEquals(0.25, t.largestRelativeDecrease(), 1e-15);
        assertEquals(5, t.size());
        assertEquals(2.9, t.last());
    }
}
