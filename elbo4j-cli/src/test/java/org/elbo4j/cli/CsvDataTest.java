package org.elbo4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvDataTest {

    @Test
    void headerIsOptional() {
        CsvData withHeader = CsvData.parse("t", List.of("x, y", "1, 2", "", "3,4.5e1"));
        assertArrayEquals(new String[] {"x", "y"}, withHeader.header());
        assertArrayEquals(new double[] {3, 45}, withHeader.rows()[1]);
        CsvData without = CsvData.parse("t", List.of("1,2", "3,4"));
        assertEquals(0, without.header().length);
        assertEquals(2, without.rows().length);
    }

    @Test
    void aFirstLineWithSomeNumbersIsDataNotAHeader() {
        UserError e = assertThrows(UserError.class, () -> CsvData.parse("t", List.of("1,abc", "2,3")));
        assertEquals("t: line 1, column 2: 'abc' is not a number", e.getMessage());
    }

    @Test
    void infinityIsRejected() {
        UserError e = assertThrows(UserError.class, () -> CsvData.parse("t", List.of("1", "Infinity")));
        assertEquals("t: line 2, column 1 is Infinity; values must be finite", e.getMessage());
    }

    @Test
    void javaOnlyNumberFormsAreRejected() {
        assertThrows(UserError.class, () -> CsvData.parse("t", List.of("1", "2d")));
        assertThrows(UserError.class, () -> CsvData.parse("t", List.of("1", "0x10")));
    }
}
