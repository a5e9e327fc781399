package org.elbo4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The safetensors layout: header length, JSON header with offsets, little-endian data. */
class SafetensorsTest {

    private static Map<String, Safetensors.Entry> sample() {
        Map<String, Safetensors.Entry> m = new LinkedHashMap<>();
        m.put("encoder.0.weight", new Safetensors.Entry(new int[] {2, 3}, new float[] {1, -2, 3.5f, 0, 1e-8f, -7}));
        m.put("encoder.0.bias", new Safetensors.Entry(new int[] {3}, new float[] {0.25f, Float.MIN_VALUE, 9}));
        return m;
    }

    @Test
    void roundTrip() {
        Map<String, Safetensors.Entry> back = Safetensors.decode(Safetensors.encode(sample()), "test");
        assertEquals(List.copyOf(sample().keySet()), List.copyOf(back.keySet()));
        for (String k : back.keySet()) {
            assertArrayEquals(sample().get(k).shape(), back.get(k).shape());
            assertArrayEquals(sample().get(k).values(), back.get(k).values(), 0f);
        }
    }

    @Test
    void headerIsJsonWithPackedOffsets() {
        byte[] bytes = Safetensors.encode(sample());
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = buf.getLong();
        assertEquals(0, n % 8);
        Map<?, ?> header = (Map<?, ?>) Json.parse(new String(bytes, 8, (int) n, StandardCharsets.UTF_8));
        Map<?, ?> w = (Map<?, ?>) header.get("encoder.0.weight");
        Map<?, ?> b = (Map<?, ?>) header.get("encoder.0.bias");
        assertEquals("F32", w.get("dtype"));
        assertEquals(List.of(2.0, 3.0), w.get("shape"));
        assertEquals(List.of(0.0, 24.0), w.get("data_offsets"));
        assertEquals(List.of(24.0, 36.0), b.get("data_offsets"));
        assertEquals(8 + n + 36, bytes.length);
        assertEquals(3.5f, buf.order(ByteOrder.LITTLE_ENDIAN).getFloat((int) (8 + n + 8)));
    }

    @Test
    void headerIsPaddedToEightBytesAlsoForNonAsciiNames() {
        Map<String, Safetensors.Entry> m = new LinkedHashMap<>();
        m.put("größe", new Safetensors.Entry(new int[] {1}, new float[] {2.5f}));
        byte[] bytes = Safetensors.encode(m);
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8);
        assertEquals(8 + n + 4, bytes.length);
        assertArrayEquals(new float[] {2.5f}, Safetensors.decode(bytes, "t").get("größe").values(), 0f);
    }

    @Test
    void writeAndReadAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sub/model.safetensors");
        Safetensors.write(file, sample());
        Map<String, Safetensors.Entry> back = Safetensors.read(file);
        assertArrayEquals(sample().get("encoder.0.weight").values(), back.get("encoder.0.weight").values(), 0f);
        assertArrayEquals(new int[] {3}, back.get("encoder.0.bias").shape());
    }

    @Test
    void truncatedFileIsRejected() {
        byte[] bytes = Safetensors.encode(sample());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Safetensors.decode(Arrays.copyOf(bytes, bytes.length - 4), "model.safetensors"));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }
}
