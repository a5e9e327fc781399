package org.elbo4j.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes files so that a reader sees either the old content or the new one, never a half-written
 * file: the content goes to a temporary file in the same directory ({@code .NAME.ID.tmp}, created
 * with the default permissions), which is then moved over the target with {@code ATOMIC_MOVE} (a
 * rename on one file system; a plain replacing move where the file system has no atomic move).
 *
 * <p>When anything fails (the content, the disk, the rename), the temporary file is deleted, the
 * target keeps its old content and the {@link IOException} propagates.
 */
public final class AtomicFiles {

    /** Writes the new content into the temporary file it is given. */
    @FunctionalInterface
    public interface Content {

        /** Writes the whole content into {@code temp} (which exists and is empty); may check it and throw. */
        void writeTo(Path temp) throws IOException;
    }

    /** The suffix of the temporary files. */
    static final String TEMP_SUFFIX = ".tmp";

    private static final AtomicLong COUNTER = new AtomicLong(System.nanoTime());
    private static final int NAME_ATTEMPTS = 100;

    private AtomicFiles() {
    }

    /** Replaces {@code file} by {@code bytes} atomically (creating its directory if needed). */
    public static void write(Path file, byte[] bytes) throws IOException {
        replace(file, temp -> Files.write(temp, bytes));
    }

    /** Replaces {@code file} by {@code text} in UTF-8, atomically. */
    public static void writeString(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Replaces {@code file} by what {@code content} writes into a temporary file beside it, once
     * {@code content} has returned normally.
     */
    public static void replace(Path file, Content content) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path temp = createTemp(dir, target.getFileName().toString());
        try {
            content.writeTo(temp);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** A new empty file {@code .NAME.ID.tmp} in {@code dir}, with a name no other call has taken. */
    private static Path createTemp(Path dir, String name) throws IOException {
        FileAlreadyExistsException last = null;
        for (int attempt = 0; attempt < NAME_ATTEMPTS; attempt++) {
            Path temp = dir.resolve("." + name + "." + Long.toUnsignedString(COUNTER.getAndIncrement(), 36)
                    + TEMP_SUFFIX);
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                last = e;
            }
        }
        throw new IOException(dir.resolve(name) + ": no free temporary file name after " + NAME_ATTEMPTS
                + " attempts", last);
    }
}
