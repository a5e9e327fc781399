package org.elbo4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Reads and writes float32 and float64 tensors in the safetensors format (Hugging Face): an 8-byte
 * little-endian header length N, N bytes of UTF-8 JSON
 * {@code {"name": {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, ...}} (offsets
 * relative to the end of the header, tensors packed in order), then the raw little-endian data.
 * The header is padded with spaces to a multiple of 8 bytes, as the reference writer does.
 * {@link #encode}/{@link #decode} hold F32 tensors ({@link Entry}); {@link #encode64} writes F64
 * ({@link Entry64}) and {@link #decodeWidened} reads F32 or F64 into double (F32 widened exactly).
 */
public final class Safetensors {

    /** One named float32 tensor: its shape and row-major values. */
    public record Entry(int[] shape, float[] values) {
    }

    /** One named float64 tensor: its shape and row-major values. */
    public record Entry64(int[] shape, double[] values) {
    }

    private Safetensors() {
    }

    /** The file's bytes for the F32 {@code tensors} (in map order). */
    public static byte[] encode(Map<String, Entry> tensors) {
        ByteBuffer buf = header(tensors, Entry::shape, t -> t.values().length, "F32", 4);
        for (Entry t : tensors.values()) {
            for (float v : t.values()) {
                buf.putFloat(v);
            }
        }
        return buf.array();
    }

    /** The file's bytes for the F64 {@code tensors} (in map order). */
    public static byte[] encode64(Map<String, Entry64> tensors) {
        ByteBuffer buf = header(tensors, Entry64::shape, t -> t.values().length, "F64", 8);
        for (Entry64 t : tensors.values()) {
            for (double v : t.values()) {
                buf.putDouble(v);
            }
        }
        return buf.array();
    }

    /** A buffer of the whole file with the length and header written, positioned at the data. */
    private static <T> ByteBuffer header(Map<String, T> tensors, Function<T, int[]> shapeOf, ToIntFunction<T> lengthOf,
            String dtype, int bytes) {
        JsonObject h = new JsonObject();
        long offset = 0;
        for (Map.Entry<String, T> e : tensors.entrySet()) {
            int[] shape = shapeOf.apply(e.getValue());
            int length = lengthOf.applyAsInt(e.getValue());
            long size = 1;
            for (int d : shape) {
                size *= d;
            }
            if (size != length) {
                throw new IllegalArgumentException("Safetensors: tensor '" + e.getKey() + "' has " + length
                        + " values for shape " + Arrays.toString(shape));
            }
            h.put(e.getKey(), new JsonObject().put("dtype", dtype).put("shape", shape)
                    .put("data_offsets", new long[] {offset, offset + bytes * size}));
            offset += bytes * size;
        }
        byte[] json = h.toString().getBytes(StandardCharsets.UTF_8);
        byte[] header = Arrays.copyOf(json, (json.length + 7) / 8 * 8);
        Arrays.fill(header, json.length, header.length, (byte) ' ');
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(8 + header.length + offset)).order(ByteOrder.LITTLE_ENDIAN);
        return buf.putLong(header.length).put(header);
    }

    /**
     * The F32 tensors in a safetensors file's bytes, in header order.
     *
     * @throws IllegalArgumentException naming what is wrong (truncation, bad header, dtype other than F32)
     */
    public static Map<String, Entry> decode(byte[] bytes, String name) {
        Map<String, Entry> out = new LinkedHashMap<>();
        parse(bytes, name, false, (key, shape, data, f64) -> {
            float[] values = new float[data.remaining() / 4];
            data.asFloatBuffer().get(values);
            out.put(key, new Entry(shape, values));
        });
        return out;
    }

    /**
     * The F32 or F64 tensors in a safetensors file's bytes, in header order, as doubles (F32 values
     * widened exactly).
     *
     * @throws IllegalArgumentException naming what is wrong (truncation, bad header, dtype other than F32 or F64)
     */
    public static Map<String, Entry64> decodeWidened(byte[] bytes, String name) {
        Map<String, Entry64> out = new LinkedHashMap<>();
        parse(bytes, name, true, (key, shape, data, f64) -> {
            double[] values = new double[data.remaining() / (f64 ? 8 : 4)];
            if (f64) {
                data.asDoubleBuffer().get(values);
            } else {
                for (int i = 0; i < values.length; i++) {
                    values[i] = data.getFloat();
                }
            }
            out.put(key, new Entry64(shape, values));
        });
        return out;
    }

    /** Receives one tensor of a file: name, shape, its little-endian data and whether it is F64. */
    private interface TensorSink {
        void accept(String key, int[] shape, ByteBuffer data, boolean f64);
    }

    private static void parse(byte[] bytes, String name, boolean allowF64, TensorSink sink) {
        if (bytes.length < 8) {
            throw new IllegalArgumentException(name + ": not a safetensors file (shorter than 8 bytes)");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = buf.getLong();
        if (n < 2 || n > bytes.length - 8) {
            throw new IllegalArgumentException(name + ": not a safetensors file (header length " + n
                    + " does not fit in " + bytes.length + " bytes)");
        }
        Object parsed;
        try {
            parsed = Json.parse(new String(bytes, 8, (int) n, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": bad safetensors header: " + e.getMessage(), e);
        }
        if (!(parsed instanceof Map<?, ?> header)) {
            throw new IllegalArgumentException(name + ": bad safetensors header (not a JSON object)");
        }
        long dataStart = 8 + n;
        String allowed = allowF64 ? "F32 or F64" : "F32";
        for (Map.Entry<?, ?> e : header.entrySet()) {
            String key = (String) e.getKey();
            if (key.equals("__metadata__")) {
                continue;
            }
            Object dtype = e.getValue() instanceof Map<?, ?> m ? m.get("dtype") : null;
            boolean f64 = allowF64 && "F64".equals(dtype);
            if (!(e.getValue() instanceof Map<?, ?> info) || !("F32".equals(dtype) || f64)
                    || !(info.get("shape") instanceof List<?> shapeList)
                    || !(info.get("data_offsets") instanceof List<?> offsets) || offsets.size() != 2) {
                throw new IllegalArgumentException(name + ": tensor '" + key
                        + "' must have dtype " + allowed + ", a shape and two data_offsets, got " + e.getValue());
            }
            int[] shape = new int[shapeList.size()];
            long size = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = ((Number) shapeList.get(i)).intValue();
                size *= shape[i];
            }
            int width = f64 ? 8 : 4;
            long begin = ((Number) offsets.get(0)).longValue();
            long end = ((Number) offsets.get(1)).longValue();
            if (begin < 0 || end - begin != width * size || dataStart + end > bytes.length) {
                throw new IllegalArgumentException(name + ": tensor '" + key + "' has data_offsets [" + begin + ", "
                        + end + "] that do not fit its shape or the file (truncated?)");
            }
            sink.accept(key, shape, ByteBuffer.wrap(bytes, (int) (dataStart + begin), (int) (width * size)).slice()
                    .order(ByteOrder.LITTLE_ENDIAN), f64);
        }
    }

    /** Writes {@code tensors} to {@code file} atomically (see {@link AtomicFiles}). */
    public static void write(Path file, Map<String, Entry> tensors) throws IOException {
        AtomicFiles.write(file, encode(tensors));
    }

    /** Reads a safetensors file of F32 tensors. */
    public static Map<String, Entry> read(Path file) throws IOException {
        return decode(Files.readAllBytes(file), file.toString());
    }

    /** Writes the F64 {@code tensors} to {@code file} atomically. */
    public static void write64(Path file, Map<String, Entry64> tensors) throws IOException {
        AtomicFiles.write(file, encode64(tensors));
    }

    /** Reads a safetensors file of F32 or F64 tensors as doubles ({@link #decodeWidened}). */
    public static Map<String, Entry64> readWidened(Path file) throws IOException {
        return decodeWidened(Files.readAllBytes(file), file.toString());
    }
}
