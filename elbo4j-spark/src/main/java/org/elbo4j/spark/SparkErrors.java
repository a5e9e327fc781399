package org.elbo4j.spark;

/**
 * The message a user should see for an exception from a Spark job: a task's exception reaches
 * the driver wrapped in {@code SparkException}s ("Job aborted due to stage failure: ..."), whose
 * innermost {@link IllegalArgumentException} (bad data, named by the code that found it) is the
 * real reason.
 */
public final class SparkErrors {

    private SparkErrors() {
    }

    /** The innermost IllegalArgumentException's message in the cause chain of {@code e}, else e's own message. */
    public static String message(Throwable e) {
        String found = null;
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof IllegalArgumentException && t.getMessage() != null) {
                found = t.getMessage();
            }
        }
        return found != null ? found : String.valueOf(e.getMessage());
    }

    /** The innermost IllegalArgumentException in the cause chain of {@code e}, or null. */
    public static IllegalArgumentException badInput(Throwable e) {
        IllegalArgumentException found = null;
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof IllegalArgumentException iae) {
                found = iae;
            }
        }
        return found;
    }
}
