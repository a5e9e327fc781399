package org.elbo4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    private List<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesAndReplacesAndCreatesTheDirectory() throws IOException {
        Path file = dir.resolve("a/b/out.json");
        AtomicFiles.writeString(file, "old é");
        assertEquals("old é", Files.readString(file, StandardCharsets.UTF_8));
        AtomicFiles.write(file, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(file));
        assertEquals(List.of("out.json"), names(file.getParent()));
    }

    @Test
    void theTemporaryFileIsBesideTheTargetAndGoneAfterwards() throws IOException {
        Path file = dir.resolve("fit.json");
        List<Path> temps = new ArrayList<>();
        AtomicFiles.replace(file, temp -> {
            temps.add(temp);
            assertTrue(Files.exists(temp));
            assertEquals(0, Files.size(temp));
            Files.writeString(temp, "new");
        });
        assertEquals(dir.toAbsolutePath(), temps.get(0).getParent());
        assertTrue(temps.get(0).getFileName().toString().startsWith(".fit.json."));
        assertTrue(temps.get(0).getFileName().toString().endsWith(AtomicFiles.TEMP_SUFFIX));
        assertEquals("new", Files.readString(file));
        assertEquals(List.of("fit.json"), names(dir));
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("fit.json");
        Files.writeString(file, "earlier results");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.replace(file, temp -> {
            Files.writeString(temp, "half of the new");
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("earlier results", Files.readString(file));
        assertEquals(List.of("fit.json"), names(dir));
    }

    @Test
    void aFailedRenameLeavesTheTargetAndNoTemporaryFile() throws IOException {
        // the target is a non-empty directory: the rename fails after the content was written
        Path target = Files.createDirectories(dir.resolve("model.safetensors"));
        Files.writeString(target.resolve("keep.txt"), "kept");
        assertThrows(IOException.class, () -> AtomicFiles.writeString(target, "new"));
        assertEquals("kept", Files.readString(target.resolve("keep.txt")));
        assertEquals(List.of("model.safetensors"), names(dir));
    }

    @Test
    void aRuntimeFailureAlsoLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("x.bin");
        Files.writeString(file, "old");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.replace(file, temp -> {
            Files.writeString(temp, "partial");
            throw new IllegalStateException("bug");
        }));
        assertEquals("old", Files.readString(file));
        assertEquals(List.of("x.bin"), names(dir));
    }

    @Test
    void concurrentWritersEachLeaveAWholeFile() throws Exception {
        Path file = dir.resolve("state.json");
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            String content = String.valueOf(t).repeat(10_000);
            threads.add(new Thread(() -> {
                try {
                    for (int i = 0; i < 20; i++) {
                        AtomicFiles.writeString(file, content);
                    }
                } catch (IOException | RuntimeException e) {
                    failures.add(e);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(List.of(), failures);
        String text = Files.readString(file);
        assertEquals(10_000, text.length());
        assertEquals(text.substring(0, 1).repeat(10_000), text);
        assertEquals(List.of("state.json"), names(dir));
    }
}
