/**
 * General file input and output, one of each, below every other package (it uses only the JDK):
 * <ul>
 *   <li>{@link org.elbo4j.io.AtomicFiles}: every file elbo4j writes goes to a temporary file in
 *       the same directory and is renamed over the target, so a reader sees the old content or
 *       the new, and a failed write leaves the old file and no temporary file;</li>
 *   <li>{@link org.elbo4j.io.Json} and {@link org.elbo4j.io.JsonObject}: the one JSON writer (one
 *       line, or indented for files) and a small reader; non-finite numbers are {@code null}, or
 *       the strings {@code "Infinity"}, {@code "-Infinity"}, {@code "NaN"} where the caller asks
 *       because the kind of value is the result;</li>
 *   <li>{@link org.elbo4j.io.Safetensors}: float32 tensors in the safetensors format;</li>
 *   <li>{@link org.elbo4j.io.CsvTable}: the numeric CSV reader, with double and float32 views,
 *       whose {@link org.elbo4j.io.DataFileException} names the file, line and column.</li>
 * </ul>
 */
package org.elbo4j.io;
