package org.elbo4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DataLocation}: which texts are Hadoop URIs, and the checks of a {@code file://} URI
 * (Hadoop's LocalFileSystem, the code path of {@code hdfs://} and {@code s3a://}) agree with those
 * of the same local path.
 */
class DataLocationTest {

    @TempDir
    Path tmp;

    @Test
    void aSchemeOfTwoOrMoreCharactersFollowedBySlashesIsHadoop() {
        for (String[] c : new String[][] {{"hdfs://a/b", "hdfs", "b"}, {"s3a://bucket/k", "s3a", "k"},
            {"file:///x", "file", "x"}, {"abfs://c@acct.dfs.core.windows.net/t.parquet", "abfs", "t.parquet"},
            {"gs://b/T.CSV", "gs", "t.csv"}, {"HDFS://nn:8020/tables/x.parquet", "hdfs", "x.parquet"}}) {
            DataLocation at = DataLocation.of(c[0]);
            assertTrue(at.isHadoop(), c[0]);
            assertEquals(c[1], at.scheme(), c[0]);
            assertEquals(c[2], at.name(), c[0]);
            assertEquals(c[0], at.uri(), c[0]);
            assertEquals(c[0], at.toString(), c[0]);
            assertThrows(IllegalStateException.class, at::local);
        }
    }

    @Test
    void everythingElseIsTheLocalPathAsBefore() {
        for (String s : List.of("data.csv", "./x:y.csv", "/abs/path", "C:\\x", "C://x", "hdfs:/one/slash",
                "dir/hdfs://x", "x.parquet", "a//b/", "s3a:/one")) {
            DataLocation at = DataLocation.of(s);
            assertFalse(at.isHadoop(), s);
            assertNull(at.scheme(), s);
            assertEquals(Path.of(s), at.local(), s);
            assertEquals(Path.of(s).toString(), at.uri(), s);
            assertEquals(Path.of(s).toString(), at.toString(), s);
        }
        assertEquals("x.csv", DataLocation.of("/a/X.csv").name());
        assertThrows(IllegalArgumentException.class, () -> DataLocation.of(" "));
    }

    @Test
    void fileUrisAreCheckedByHadoopAsTheLocalPath() throws IOException {
        SparkSession spark = LocalSpark.session();
        Path csv = tmp.resolve("t.csv");
        Files.writeString(csv, "\uFEFF\n  \nx1,y\n1,0\n");
        Path dir = Files.createDirectories(tmp.resolve("mnist"));
        Files.writeString(dir.resolve("train-images-idx3-ubyte"), "");
        for (Path p : List.of(csv, dir, tmp.resolve("nope"))) {
            DataLocation local = DataLocation.of(p);
            DataLocation uri = DataLocation.of("file://" + p);
            assertTrue(uri.isHadoop(), uri.toString());
            assertEquals(local.exists(spark), uri.exists(spark), p.toString());
            assertEquals(local.isDirectory(spark), uri.isDirectory(spark), p.toString());
            assertEquals(local.hasChild(spark, "train-images-idx3-ubyte"),
                    uri.hasChild(spark, "train-images-idx3-ubyte"), p.toString());
        }
        assertEquals("x1,y", DataLocation.of(csv.toUri().toString()).firstLine(spark));
        assertEquals("x1,y", DataLocation.of(csv).firstLine(spark));
        Path empty = tmp.resolve("empty.csv");
        Files.writeString(empty, "\n \n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DataLocation.of("file://" + empty).firstLine(spark));
        assertEquals("file://" + empty + ": no data rows (empty file)", e.getMessage());
    }

    @Test
    void anUnknownSchemeIsNamed() {
        SparkSession spark = LocalSpark.session();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DataLocation.of("foo://x/y").exists(spark));
        assertTrue(e.getMessage().startsWith("foo://x/y: no Hadoop file system for the scheme 'foo'"), e.getMessage());
    }

    /** A CSV file and a Parquet directory read through file:// URIs give the rows of the plain paths. */
    @Test
    void sparkReadsTheSameRowsThroughAUri() throws IOException {
        SparkSession spark = LocalSpark.session();
        Path csv = tmp.resolve("r.csv");
        Files.writeString(csv, "a,b\n1,2.5\n3,-4\n\n5,6e-3\n");
        Path parquet = tmp.resolve("r.parquet");
        assertEquals(3, ParquetConverter.convert(spark, csv, parquet, 2));
        for (Path p : List.of(csv, parquet)) {
            List<Row> plain = SparkSources.read(spark, p).collectAsList();
            List<Row> viaUri = SparkSources.read(spark, DataLocation.of("file://" + p)).collectAsList();
            assertEquals(3, plain.size());
            assertEquals(plain.size(), viaUri.size());
            for (int i = 0; i < plain.size(); i++) {
                assertEquals(plain.get(i).getList(0), viaUri.get(i).getList(0), p + " row " + i);
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkSources.read(spark, DataLocation.of("file://" + tmp.resolve("nope.parquet"))));
        assertTrue(e.getMessage().endsWith("nope.parquet: no such file or directory"), e.getMessage());
    }
}
