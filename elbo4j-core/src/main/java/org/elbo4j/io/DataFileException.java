package org.elbo4j.io;

import java.io.IOException;

/**
 * A data file that cannot be read: missing, truncated, of the wrong format or with a bad value.
 * The message is one line that names the file and what is wrong, e.g.
 * {@code train-images-idx3-ubyte.gz: truncated: expected 47040000 bytes of pixels, found 1000}.
 */
public final class DataFileException extends IOException {

    private static final long serialVersionUID = 1L;

    public DataFileException(String message) {
        super(message);
    }

    public DataFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
