package org.elbo4j.formula;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Design matrices against R's {@code model.matrix}: the data and the printed output of
 * {@code tools/formula/model_matrix_reference.R} (R 4.2.2, C collation) pasted below; names must
 * match exactly and values to 1e-12. The formulas "~ 1 + x1" and "~ 0 + f" are the Z of the
 * group-level terms {@code (1 + x1 | g)} and {@code (0 + f | g)}.
 */
class DesignMatrixTest {

    /** tools/formula/mm_data.csv. */
    static final String DATA = """
y,x1,x2,f,g,k
1.5,0.5,2,b,u,3
2.0,-1.25,1,a,v,1
0.3,2.0,0.5,c,u,2
4.1,0.0,-1,B,v,3
2.2,1.5,3,a,u,1
-0.7,-0.5,2.5,c,v,2
1.1,3.0,0,b,v,1
0.9,1.0,1.5,B,u,2
""";

    /** The output of tools/formula/model_matrix_reference.R. */
    static final String R_OUTPUT = """
formula: y ~ x1 + x2 + x1:x2
names: (Intercept)|x1|x2|x1:x2
1.0 0.5 2.0 1.0
1.00 -1.25 1.00 -1.25
1.0 2.0 0.5 1.0
1 0 -1 0
1.0 1.5 3.0 4.5
1.00 -0.50 2.50 -1.25
1 3 0 0
1.0 1.0 1.5 1.5
formula: y ~ x1 * f
names: (Intercept)|x1|fa|fb|fc|x1:fa|x1:fb|x1:fc
1.0 0.5 0.0 1.0 0.0 0.0 0.5 0.0
1.00 -1.25 1.00 0.00 0.00 -1.25 0.00 0.00
1 2 0 0 1 0 0 2
1 0 0 0 0 0 0 0
1.0 1.5 1.0 0.0 0.0 1.5 0.0 0.0
1.0 -0.5 0.0 0.0 1.0 0.0 0.0 -0.5
1 3 0 1 0 0 3 0
1 1 0 0 0 0 0 0
formula: y ~ 0 + f + g
names: fB|fa|fb|fc|gv
0 0 1 0 0
0 1 0 0 1
0 0 0 1 0
1 0 0 0 1
0 1 0 0 0
0 0 0 1 1
0 0 1 0 1
1 0 0 0 0
formula: y ~ factor(k) + x1 - 1
names: factor(k)1|factor(k)2|factor(k)3|x1
0.0 0.0 1.0 0.5
1.00 0.00 0.00 -1.25
0 1 0 2
0 0 1 0
1.0 0.0 0.0 1.5
0.0 1.0 0.0 -0.5
1 0 0 3
0 1 0 1
formula: y ~ f:g
names: (Intercept)|fB:gu|fa:gu|fb:gu|fc:gu|fB:gv|fa:gv|fb:gv|fc:gv
1 0 0 1 0 0 0 0 0
1 0 0 0 0 0 1 0 0
1 0 0 0 1 0 0 0 0
1 0 0 0 0 1 0 0 0
1 0 1 0 0 0 0 0 0
1 0 0 0 0 0 0 0 1
1 0 0 0 0 0 0 1 0
1 1 0 0 0 0 0 0 0
formula: y ~ x1:f + f
names: (Intercept)|fa|fb|fc|x1:fB|x1:fa|x1:fb|x1:fc
1.0 0.0 1.0 0.0 0.0 0.0 0.5 0.0
1.00 1.00 0.00 0.00 0.00 -1.25 0.00 0.00
1 0 0 1 0 0 0 2
1 0 0 0 0 0 0 0
1.0 1.0 0.0 0.0 0.0 1.5 0.0 0.0
1.0 0.0 0.0 1.0 0.0 0.0 0.0 -0.5
1 0 1 0 0 0 3 0
1 0 0 0 1 0 0 0
formula: y ~ x2 * x1 * g
names: (Intercept)|x2|x1|gv|x2:x1|x2:gv|x1:gv|x2:x1:gv
1.0 2.0 0.5 0.0 1.0 0.0 0.0 0.0
1.00 1.00 -1.25 1.00 -1.25 1.00 -1.25 -1.25
1.0 0.5 2.0 0.0 1.0 0.0 0.0 0.0
1 -1 0 1 0 -1 0 0
1.0 3.0 1.5 0.0 4.5 0.0 0.0 0.0
1.00 2.50 -0.50 1.00 -1.25 2.50 -0.50 -1.25
1 0 3 1 0 0 3 0
1.0 1.5 1.0 0.0 1.5 0.0 0.0 0.0
formula: ~ 1 + x1
names: (Intercept)|x1
1.0 0.5
1.00 -1.25
1 2
1 0
1.0 1.5
1.0 -0.5
1 3
1 1
formula: ~ 0 + f
names: fB|fa|fb|fc
0 0 1 0
0 1 0 0
0 0 0 1
1 0 0 0
0 1 0 0
0 0 0 1
0 0 1 0
1 0 0 0
formula: y ~ f * g
names: (Intercept)|fa|fb|fc|gv|fa:gv|fb:gv|fc:gv
1 0 1 0 0 0 0 0
1 1 0 0 1 1 0 0
1 0 0 1 0 0 0 0
1 0 0 0 1 0 0 0
1 1 0 0 0 0 0 0
1 0 0 1 1 0 0 1
1 0 1 0 1 0 1 0
1 0 0 0 0 0 0 0
""";

    record Expected(String formula, List<String> names, double[][] rows) {
    }

    static List<Expected> expected() {
        List<Expected> out = new ArrayList<>();
        String[] lines = R_OUTPUT.strip().split("\n");
        int i = 0;
        while (i < lines.length) {
            String formula = lines[i++].substring("formula: ".length());
            List<String> names = List.of(lines[i++].substring("names: ".length()).split("\\|"));
            List<double[]> rows = new ArrayList<>();
            while (i < lines.length && !lines[i].startsWith("formula: ")) {
                rows.add(Arrays.stream(lines[i++].trim().split(" +")).mapToDouble(Double::parseDouble).toArray());
            }
            out.add(new Expected(formula, names, rows.toArray(new double[0][])));
        }
        return out;
    }

    @Test
    void matchesRModelMatrix() {
        DataFrame data = DataFrame.parse(DATA, "mm_data.csv");
        List<Expected> all = expected();
        assertEquals(10, all.size());
        for (Expected e : all) {
            DesignMatrix m;
            if (e.formula().startsWith("~")) {
                String slopes = e.formula().substring(1).strip();
                ModelFrame frame = ModelFrame.of(Formula.parse("y ~ (" + slopes + " | g)"), data);
                m = frame.groups().get(0).z();
            } else {
                m = ModelFrame.of(Formula.parse(e.formula()), data).x();
            }
            assertEquals(e.names(), m.names(), e.formula());
            assertEquals(e.rows().length, m.rows().length, e.formula());
            for (int r = 0; r < e.rows().length; r++) {
                assertArrayEquals(e.rows()[r], m.rows()[r], 1e-12, e.formula() + " row " + r);
            }
        }
    }
}
