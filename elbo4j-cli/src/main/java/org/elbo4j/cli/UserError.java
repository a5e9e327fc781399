package org.elbo4j.cli;

/**
 * A mistake in what the user asked for (a bad option value, a missing or malformed file). The
 * command line prints its message as one line and exits with code 2.
 */
public final class UserError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
