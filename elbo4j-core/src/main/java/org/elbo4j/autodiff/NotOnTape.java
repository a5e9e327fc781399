package org.elbo4j.autodiff;

/**
 * Thrown when a computation cannot be replayed on the double-precision tape (an operation or a
 * distribution family it does not have); the caller falls back to another evaluator. The message
 * names what is missing.
 */
public final class NotOnTape extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotOnTape(String message) {
        super(message);
    }
}
