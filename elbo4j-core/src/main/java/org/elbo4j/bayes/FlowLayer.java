package org.elbo4j.bayes;

/**
 * One invertible layer y = T(x) of a {@link FlowGuide} on ℝᵈ, with parameters in a slice of the
 * flow's flat θ: {@code forward} returns log |det ∂y/∂x|, {@code backward} pulls back an objective
 * f that adds {@code weight} times that log-determinant (the change of variables of Rezende &amp;
 * Mohamed 2015). All parameters zero is the identity.
 */
interface FlowLayer {

    /** y = T(x) (y must not alias x); returns log |det ∂y/∂x|. */
    double forward(double[] theta, double[] x, double[] y);

    /**
     * With g = ∂f/∂y at the input x: {@code grad[own slice] += ∂f/∂θ} and gx = ∂f/∂x (overwritten;
     * must alias neither x nor g), f including {@code weight} times this layer's log-determinant.
     */
    void backward(double[] theta, double[] x, double[] g, double[] gx, double[] grad, double weight);
}
