package org.elbo4j.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;

/**
 * The documents of two array columns of a DataFrame: row r is document r (numbered 0, 1, … in
 * the DataFrame's partitions and order), {@code ids[j]} a term id in [0, V) and {@code counts[j]}
 * its count in the document, as a sparse bag of words is often stored. Entries keep their order;
 * zero counts are dropped. Every id must be a whole number in [0, V) and appear once in its row,
 * every count a whole number ≥ 0, the arrays of a row equally long, and every document must have
 * a word; a row that breaks this fails the job with an {@link IllegalArgumentException} naming
 * the column, the row and the value.
 */
final class TermIdColumns {

    private TermIdColumns() {
    }

    /**
     * The documents of {@code idsColumn} and {@code countsColumn} over a vocabulary of V words.
     *
     * @throws IllegalArgumentException if a column is missing or is not an array of numbers
     */
    static JavaRDD<DocBlock.Doc> documents(Dataset<Row> frame, String idsColumn, String countsColumn, int v) {
        int ids = arrayColumn(frame, idsColumn, "term ids");
        int counts = arrayColumn(frame, countsColumn, "term counts");
        return frame.toJavaRDD().zipWithIndex()
                .map(t -> document(t._1(), ids, counts, idsColumn, countsColumn, t._2(), v));
    }

    private static int arrayColumn(Dataset<Row> frame, String column, String what) {
        int index = FeatureColumn.index(frame, column);
        DataType type = frame.schema().fields()[index].dataType();
        if (!(type instanceof ArrayType a && a.elementType() instanceof NumericType)) {
            throw new IllegalArgumentException("SparkBagOfWords: column '" + column + "' has type "
                    + type.simpleString() + "; expected an array of " + what);
        }
        return index;
    }

    private static DocBlock.Doc document(Row r, int idIndex, int countIndex, String idsColumn, String countsColumn,
            long row, int v) {
        double[] ids = TermCountColumn.numbers(r, idIndex, idsColumn, row, "term id");
        double[] counts = TermCountColumn.numbers(r, countIndex, countsColumn, row, "count");
        if (ids.length != counts.length) {
            throw TermCountColumn.bad(idsColumn, row, "has " + ids.length + " term ids but '" + countsColumn
                    + "' has " + counts.length + " counts");
        }
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        int[] w = new int[ids.length];
        for (int j = 0; j < ids.length; j++) {
            double id = ids[j];
            if (!(id >= 0 && id < v) || id != Math.rint(id)) {
                throw TermCountColumn.bad(idsColumn, row, "has term id " + (id == Math.rint(id)
                        ? Long.toString((long) id) : Double.toString(id)) + " at " + j + " but the vocabulary has "
                        + v + " words (ids 0 to " + (v - 1) + ")");
            }
            w[j] = (int) id;
            if (!seen.add(w[j])) {
                throw TermCountColumn.bad(idsColumn, row, "repeats term id " + w[j]);
            }
        }
        return TermCountColumn.counted(countsColumn, row, w, counts, v);
    }
}
