package org.elbo4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableTest {

    @TempDir
    Path dir;

    private static CsvTable parse(String text) throws IOException {
        return CsvTable.read(new StringReader(text), "t.csv", CsvTable.Header.AUTO);
    }

    private static String error(String text) {
        return assertThrows(DataFileException.class, () -> parse(text)).getMessage();
    }

    @Test
    void readsAFileWithAHeader() throws IOException {
        Path p = Files.writeString(dir.resolve("d.csv"), "\uFEFFx, y ,z\n1,2.5,-3e2\n\n 4 ,5,.5\r\n");
        CsvTable csv = CsvTable.read(p);
        assertTrue(csv.hasHeader());
        assertEquals(List.of("x", "y", "z"), csv.columns());
        assertEquals(2, csv.rowCount());
        assertEquals(3, csv.columnCount());
        assertArrayEquals(new float[] {1, 2.5f, -300, 4, 5, 0.5f}, csv.toFloats());
        assertEquals(p.toString(), csv.source());
    }

    @Test
    void readsAFileWithoutAHeader() throws IOException {
        CsvTable csv = parse("1,2\n3,4\n");
        assertFalse(csv.hasHeader());
        assertEquals(List.of("1", "2"), csv.columns());
        assertArrayEquals(new float[] {1, 2, 3, 4}, csv.toFloats());
        CsvTable forced = CsvTable.read(new StringReader("1,2\n3,4\n"), "t.csv", CsvTable.Header.PRESENT);
        assertTrue(forced.hasHeader());
        assertEquals(List.of("1", "2"), forced.columns());
        assertEquals(1, forced.rowCount());
    }

    @Test
    void headerIsOptionalAndBlankLinesAreSkipped() throws IOException {
        CsvTable withHeader = parse("x, y\n1, 2\n\n3,4.5e1");
        assertEquals(List.of("x", "y"), withHeader.columns());
        assertArrayEquals(new double[] {3, 45}, withHeader.rows()[1]);
        CsvTable without = parse("1,2\n3,4");
        assertFalse(without.hasHeader());
        assertEquals(2, without.rows().length);
    }

    @Test
    void forcedAbsentHeaderMakesTheFirstLineData() {
        assertEquals("t.csv: line 1, column 1: 'a' is not a number", assertThrows(DataFileException.class,
                () -> CsvTable.read(new StringReader("a,b\n1,2\n"), "t.csv", CsvTable.Header.ABSENT)).getMessage());
    }

    @Test
    void doubleViewsKeepDoublePrecision() throws IOException {
        CsvTable csv = parse("a,b\n0.1,1e300\n-2,3\n");
        assertArrayEquals(new double[][] {{0.1, 1e300}, {-2, 3}}, csv.rows());
        assertArrayEquals(new double[] {1e300, 3}, csv.column(1));
        assertArrayEquals(new double[] {0.1, -2}, csv.column(0));
        csv.rows()[0][0] = 99;
        assertEquals(0.1, csv.rows()[0][0], "rows() is a copy");
        assertThrows(IllegalArgumentException.class, () -> csv.column(2));
        assertThrows(IllegalArgumentException.class, () -> csv.column(-1));
    }

    @Test
    void nonNumericValueNamesLineAndColumn() {
        assertEquals("t.csv: line 3, column 2: 'abc' is not a number (column \"b\")", error("a,b\n1,2\n3,abc\n"));
        assertEquals("t.csv: line 2, column 1: '0x10' is not a number", error("1,2\n0x10,3\n"));
        // a first line mixing names and numbers is data with a bad value
        assertEquals("t.csv: line 1, column 1: 'x' is not a number", error("x,2\n1,2\n"));
        assertEquals("t.csv: line 1, column 2: 'abc' is not a number", error("1,abc\n2,3"));
    }

    @Test
    void javaOnlyNumberFormsAreRejected() {
        assertEquals("t.csv: line 2, column 1: '2d' is not a number", error("1\n2d"));
        assertEquals("t.csv: line 2, column 1: '0x10' is not a number", error("1\n0x10"));
        assertEquals("t.csv: line 2, column 1: '1f' is not a number", error("1\n1f"));
    }

    @Test
    void nonFiniteValues() {
        assertEquals("t.csv: line 2, column 2 is NaN; values must be finite (column \"b\")", error("a,b\n1,NaN\n"));
        assertEquals("t.csv: line 1, column 1 is -Infinity; values must be finite", error("-Infinity,1\n"));
        assertEquals("t.csv: line 2, column 1 is Infinity; values must be finite", error("1\nInfinity"));
        assertEquals("t.csv: line 2, column 1 is inf; values must be finite", error("1\ninf"));
        assertEquals("t.csv: line 1, column 2: 1e400 is outside the float64 range", error("1,1e400\n"));
    }

    @Test
    void floatViewRejectsValuesOutsideTheFloat32Range() throws IOException {
        CsvTable csv = parse("1,1e39\n");
        assertArrayEquals(new double[] {1, 1e39}, csv.rows()[0]);
        assertEquals("t.csv: line 1, column 2: 1.0E39 is outside the float32 range",
                assertThrows(DataFileException.class, csv::toFloats).getMessage());
        CsvTable named = parse("a,b\n\n1,2\n-1e39,3\n");
        assertEquals("t.csv: line 4, column 1: -1.0E39 is outside the float32 range (column \"a\")",
                assertThrows(DataFileException.class, named::toFloats).getMessage());
    }

    @Test
    void raggedRowsAndEmptyFields() {
        assertEquals("t.csv: line 3 has 2 columns, expected 3 (as in line 1)", error("1,2,3\n4,5,6\n7,8\n"));
        assertEquals("t.csv: line 2 has 4 columns, expected 3 (as in the header)", error("a,b,c\n1,2,3,4\n"));
        assertEquals("t.csv: line 4 has 1 columns, expected 2 (as in line 2)", error("\n1,2\n3,4\n5\n"));
        assertEquals("t.csv: line 2, column 2: empty field", error("1,2\n3,\n"));
        assertEquals("t.csv: line 2, column 1: empty field (column \"a\")", error("a,b\n ,2\n"));
    }

    @Test
    void emptyFileAndHeaderOnly() throws IOException {
        assertEquals("t.csv: no data rows (empty file)", error(""));
        assertEquals("t.csv: no data rows (empty file)", error("\n  \n"));
        assertEquals("t.csv: no data rows after the header", error("a,b\n"));
    }

    @Test
    void missingFileAndDirectory() throws IOException {
        Path missing = dir.resolve("missing.csv");
        assertEquals(missing + ": no such file",
                assertThrows(DataFileException.class, () -> CsvTable.read(missing)).getMessage());
        assertEquals(dir + ": is a directory, not a CSV file",
                assertThrows(DataFileException.class, () -> CsvTable.read(dir)).getMessage());
    }
}
