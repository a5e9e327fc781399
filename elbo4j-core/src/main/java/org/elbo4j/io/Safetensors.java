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

/**
 * Reads and writes float32 tensors in the safetensors format (Hugging Face): an 8-byte
 * little-endian header length N, N bytes of UTF-8 JSON
 * {@code {"name": {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, ...}} (offsets
 * relative to the end of the header, tensors packed in order), then the raw little-endian data.
 * The header is padded with spaces to a multiple of 8 bytes, as the reference writer does.
 */
public final class Safetensors {

    /** One named tensor: its shape and row-major values. */
    public record Entry(int[] shape, float[] values) {
    }

    private Safetensors() {
    }

    /** The file's bytes for {@code tensors} (in map order). */
    public static byte[] encode(Map<String, Entry> tensors) {
        JsonObject h = new JsonObject();
        long offset = 0;
        for (Map.Entry<String, Entry> e : tensors.entrySet()) {
            Entry t = e.getValue();
            long size = 1;
            for (int d : t.shape()) {
                size *= d;
            }
            if (size != t.values().length) {
                throw new IllegalArgumentException("Safetensors: tensor '" + e.getKey() + "' has "
                        + t.values().length + " values for shape " + Arrays.toString(t.shape()));
            }
            h.put(e.getKey(), new JsonObject().put("dtype", "F32").put("shape", t.shape())
                    .put("data_offsets", new long[] {offset, offset + 4 * size}));
            offset += 4 * size;
        }
        byte[] json = h.toString().getBytes(StandardCharsets.UTF_8);
        byte[] header = Arrays.copyOf(json, (json.length + 7) / 8 * 8);
        Arrays.fill(header, json.length, header.length, (byte) ' ');
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(8 + header.length + offset)).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(header.length).put(header);
        for (Entry t : tensors.values()) {
            for (float v : t.values()) {
                buf.putFloat(v);
            }
        }
        return buf.array();
    }

    /**
     * The tensors in a safetensors file's bytes, in header order.
     *
     * @throws IllegalArgumentException naming what is wrong (truncation, bad header, dtype other than F32)
     */
    public static Map<String, Entry> decode(byte[] bytes, String name) {
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
        Map<String, Entry> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : header.entrySet()) {
            String key = (String) e.getKey();
            if (key.equals("__metadata__")) {
                continue;
            }
            if (!(e.getValue() instanceof Map<?, ?> info) || !"F32".equals(info.get("dtype"))
                    || !(info.get("shape") instanceof List<?> shapeList)
                    || !(info.get("data_offsets") instanceof List<?> offsets) || offsets.size() != 2) {
                throw new IllegalArgumentException(name + ": tensor '" + key
                        + "' must have dtype F32, a shape and two data_offsets, got " + e.getValue());
            }
            int[] shape = new int[shapeList.size()];
            long size = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = ((Number) shapeList.get(i)).intValue();
                size *= shape[i];
            }
            long begin = ((Number) offsets.get(0)).longValue();
            long end = ((Number) offsets.get(1)).longValue();
            if (begin < 0 || end - begin != 4 * size || dataStart + end > bytes.length) {
                throw new IllegalArgumentException(name + ": tensor '" + key + "' has data_offsets [" + begin + ", "
                        + end + "] that do not fit its shape or the file (truncated?)");
            }
            float[] values = new float[(int) size];
            ByteBuffer data = ByteBuffer.wrap(bytes, (int) (dataStart + begin), (int) (4 * size))
                    .order(ByteOrder.LITTLE_ENDIAN);
            data.asFloatBuffer().get(values);
            out.put(key, new Entry(shape, values));
        }
        return out;
    }

    /** Writes {@code tensors} to {@code file} atomically (see {@link AtomicFiles}). */
    public static void write(Path file, Map<String, Entry> tensors) throws IOException {
        AtomicFiles.write(file, encode(tensors));
    }

    /** Reads a safetensors file. */
    public static Map<String, Entry> read(Path file) throws IOException {
        return decode(Files.readAllBytes(file), file.toString());
    }
}
