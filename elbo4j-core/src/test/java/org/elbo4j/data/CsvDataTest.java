package org.elbo4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDataTest {

    @TempDir
    Path dir;

    private static CsvData parse(String text) throws IOException {
        return CsvData.read(new StringReader(text), "t.csv", CsvData.Header.AUTO);
    }

    private static String error(String text) {
        return assertThrows(DataFileException.class, () -> parse(text)).getMessage();
    }

    @Test
    void readsAFileWithAHeader() throws IOException {
        Path p = Files.writeString(dir.resolve("d.csv"), "\uFEFFx, y ,z\n1,2.5,-3e2\n\n 4 ,5,.5\r\n");
        CsvData csv = CsvData.read(p);
        assertEquals(List.of("x", "y", "z"), csv.columns());
        assertEquals(2, csv.dataset().n());
        assertEquals(3, csv.dataset().d());
        assertArrayEquals(new float[] {1, 2.5f, -300, 4, 5, 0.5f}, csv.dataset().values().data());
    }

    @Test
    void readsAFileWithoutAHeader() throws IOException {
        CsvData csv = parse("1,2\n3,4\n");
        assertEquals(List.of("1", "2"), csv.columns());
        assertArrayEquals(new float[] {1, 2, 3, 4}, csv.dataset().values().data());
        CsvData forced = CsvData.read(new StringReader("1,2\n3,4\n"), "t.csv", CsvData.Header.PRESENT);
        assertEquals(List.of("1", "2"), forced.columns());
        assertEquals(1, forced.dataset().n());
    }

    @Test
    void nonNumericValueNamesLineAndColumn() {
        assertEquals("t.csv: line 3, column 2 (\"b\"): not a number: \"abc\"", error("a,b\n1,2\n3,abc\n"));
        assertEquals("t.csv: line 2, column 1: not a number: \"0x10\"", error("1,2\n0x10,3\n"));
        // a first line mixing names and numbers is data with a bad value
        assertEquals("t.csv: line 1, column 1: not a number: \"x\"", error("x,2\n1,2\n"));
    }

    @Test
    void nonFiniteValues() {
        assertEquals("t.csv: line 2, column 2 (\"b\"): NaN is not allowed (values must be finite)", error("a,b\n1,NaN\n"));
        assertEquals("t.csv: line 1, column 1: -Infinity is not allowed (values must be finite)", error("-Infinity,1\n"));
        assertEquals("t.csv: line 1, column 2: 1e39 is outside the float32 range", error("1,1e39\n"));
    }

    @Test
    void raggedRowsAndEmptyFields() {
        assertEquals("t.csv: line 3 has 2 fields, expected 3 (as in line 1)", error("1,2,3\n4,5,6\n7,8\n"));
        assertEquals("t.csv: line 2 has 4 fields, expected 3 (as in the header)", error("a,b,c\n1,2,3,4\n"));
        assertEquals("t.csv: line 2, column 2: empty field", error("1,2\n3,\n"));
    }

    @Test
    void emptyFileAndHeaderOnly() throws IOException {
        assertEquals("t.csv: empty file (no lines with values)", error(""));
        assertEquals("t.csv: empty file (no lines with values)", error("\n  \n"));
        assertEquals("t.csv: no data rows after the header", error("a,b\n"));
        Path missing = dir.resolve("missing.csv");
        assertEquals(missing + ": no such file",
                assertThrows(DataFileException.class, () -> CsvData.read(missing)).getMessage());
    }
}
