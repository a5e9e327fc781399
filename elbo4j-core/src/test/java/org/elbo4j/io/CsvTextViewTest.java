package org.elbo4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link CsvTable#readText}: cells kept as text under the same line and quoting rule as the numeric
 * reader, and typed column views that apply the same number rule, with the same messages.
 */
class CsvTextViewTest {

    private static CsvTable text(String csv) throws IOException {
        return CsvTable.readText(new StringReader(csv), "t.csv", CsvTable.Header.PRESENT);
    }

    @Test
    void textCellsAndTypedColumns() throws IOException {
        CsvTable t = text("y, group ,\"x\"\n1.5,\"a b\",2\n\n-3,c,.5\n");
        assertEquals(List.of("y", "group", "x"), t.columns());
        assertEquals(2, t.rowCount());
        assertArrayEquals(new String[] {"a b", "c"}, t.strings(1));
        assertTrue(t.isNumeric(0));
        assertFalse(t.isNumeric(1));
        assertArrayEquals(new double[] {2, 0.5}, t.numbers(2));
        assertThrows(IllegalStateException.class, () -> t.column(2));
        assertEquals(2, t.columnIndex("x"));
        assertEquals(-1, t.columnIndex("z"));
        assertEquals(4, t.line(1), "the blank line 3 is skipped, so row 1 is on line 4");
    }

    @Test
    void aTextCellReadAsANumberIsNamedAsTheNumericReaderNamesIt() throws IOException {
        CsvTable t = text("a,b\n1,2\n3,abc\n");
        DataFileException e = assertThrows(DataFileException.class, () -> t.numbers(1));
        assertEquals("t.csv: line 3, column 2: 'abc' is not a number (column \"b\")", e.getMessage());
        assertEquals(e.getMessage(), assertThrows(DataFileException.class, t::toFloats).getMessage());
        assertEquals(e.getMessage(), assertThrows(DataFileException.class,
                () -> CsvTable.read(new StringReader("a,b\n1,2\n3,abc\n"), "t.csv", CsvTable.Header.AUTO)).getMessage());
    }

    @Test
    void quotedNumbersAreNumbersInBothReaders() throws IOException {
        CsvTable numeric = CsvTable.read(new StringReader("a,b\n\"1\",2\n"), "t.csv", CsvTable.Header.AUTO);
        assertArrayEquals(new double[] {1, 2}, numeric.rows()[0]);
        assertTrue(text("a,b\n\"1\",2\n").isNumeric(0));
    }

    @Test
    void shapeErrorsAreTheNumericReadersErrors() {
        assertEquals("t.csv: line 3 has 1 columns, expected 2 (as in the header)",
                assertThrows(DataFileException.class, () -> text("a,b\n1,2\nx\n")).getMessage());
        assertEquals("t.csv: no data rows after the header",
                assertThrows(DataFileException.class, () -> text("a,b\n")).getMessage());
    }
}
