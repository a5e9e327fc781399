package org.elbo4j.tensor;

/**
 * The record of how a tensor was computed: the operation's name, its inputs and its backward rule.
 * A tensor with a node is an interior vertex of the autodiff graph; leaves have none.
 */
final class Node {

    /** A backward rule: given dL/d(output), adds dL/d(input) into each input that needs it. */
    @FunctionalInterface
    interface Backward {
        void apply(Tensor gradOutput);
    }

    final String op;
    final Tensor[] inputs;
    final Backward backward;

    Node(String op, Tensor[] inputs, Backward backward) {
        this.op = op;
        this.inputs = inputs;
        this.backward = backward;
    }
}
