package org.elbo4j.model;

/**
 * An error in the structure of a model (a shape that does not fit the plates, a site named twice, a
 * plate declared with two sizes): an {@link IllegalArgumentException} that {@link FunctionModel}
 * never turns into a −∞ log density, unlike errors a distribution raises for one particle's values.
 */
final class ModelException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    ModelException(String message) {
        super(message);
    }

    ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
