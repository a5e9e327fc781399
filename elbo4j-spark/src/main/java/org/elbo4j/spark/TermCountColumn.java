package org.elbo4j.spark;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;

/**
 * The documents of a DataFrame's term-count column, as MLlib's {@code LDA} takes them: row r is
 * document r (numbered 0, 1, … in the DataFrame's partitions and order), and its column holds
 * an {@code org.apache.spark.ml.linalg.Vector} (sparse, as {@code CountVectorizer} writes, or
 * dense) or an array of numbers whose entry w is the count of word w. A sparse vector's entries
 * keep their order; zeros are dropped. Every count must be a whole number ≥ 0, every document
 * must have a word, and every vector the same length V; a row that breaks this fails the job
 * with an {@link IllegalArgumentException} naming the column, the row and the value.
 */
final class TermCountColumn {

    private TermCountColumn() {
    }

    /**
     * The documents of {@code column}.
     *
     * @throws IllegalArgumentException if there is no such column or it holds neither vectors nor arrays of numbers
     */
    static JavaRDD<DocBlock.Doc> documents(Dataset<Row> frame, String column) {
        int index = FeatureColumn.index(frame, column);
        DataType type = frame.schema().fields()[index].dataType();
        boolean vector = type instanceof VectorUDT;
        if (!vector && !(type instanceof ArrayType a && a.elementType() instanceof NumericType)) {
            throw new IllegalArgumentException("SparkLdaCorpus: column '" + column + "' has type "
                    + type.simpleString() + "; expected a vector or an array of term counts");
        }
        return frame.toJavaRDD().zipWithIndex().map(t -> document(t._1(), index, vector, column, t._2()));
    }

    private static DocBlock.Doc document(Row r, int index, boolean vector, String column, long row) {
        if (r.isNullAt(index)) {
            throw bad(column, row, "is null");
        }
        int size;
        int[] ids;
        double[] values;
        if (vector && r.get(index) instanceof SparseVector s) {
            size = s.size();
            ids = s.indices();
            values = s.values();
        } else {
            values = vector ? ((Vector) r.get(index)).toArray() : numbers(r, index, column, row, "count");
            size = values.length;
            ids = new int[size];
            for (int j = 0; j < size; j++) {
                ids[j] = j;
            }
        }
        return counted(column, row, ids, values, size);
    }

    /** The numbers of an array column's cell (not null, no null entry: one is named as a {@code noun}). */
    static double[] numbers(Row r, int index, String column, long row, String noun) {
        if (r.isNullAt(index)) {
            throw bad(column, row, "is null");
        }
        List<Object> list = r.getList(index);
        double[] values = new double[list.size()];
        for (int j = 0; j < values.length; j++) {
            Object o = list.get(j);
            if (o == null) {
                throw bad(column, row, "has a null or non-numeric " + noun + " at " + j);
            }
            values[j] = ((Number) o).doubleValue();
        }
        return values;
    }

    /**
     * Document {@code row}: the entries of {@code ids} whose count is not 0.
     *
     * @throws IllegalArgumentException if a count is not a whole number ≥ 0 or every count is 0
     */
    static DocBlock.Doc counted(String column, long row, int[] ids, double[] values, int size) {
        int nonzero = 0;
        for (int j = 0; j < values.length; j++) {
            double x = values[j];
            if (!(x >= 0) || x != Math.rint(x) || Double.isInfinite(x)) {
                throw bad(column, row, "has " + x + " at " + ids[j] + " (counts must be whole numbers >= 0)");
            }
            nonzero += x > 0 ? 1 : 0;
        }
        if (nonzero == 0) {
            throw bad(column, row, "has no words (every count is 0)");
        }
        int[] w = new int[nonzero];
        double[] c = new double[nonzero];
        for (int j = 0, i = 0; j < values.length; j++) {
            if (values[j] > 0) {
                w[i] = ids[j];
                c[i++] = values[j];
            }
        }
        return new DocBlock.Doc(row, w, c, size);
    }

    static IllegalArgumentException bad(String column, long row, String what) {
        return new IllegalArgumentException("SparkLdaCorpus: column '" + column + "' in row " + row + " " + what);
    }
}
