package org.elbo4j.topics;

/**
 * What one pass of an LDA fit reached, for progress lines and traces.
 *
 * @param pass                 1, 2, …
 * @param trainPerplexity      exp(−bound / training words): batch, the exact ELBO after the pass;
 *                             online, the running bound (each minibatch's document terms at the λ
 *                             it was fitted with, plus the topic term at the end of the pass)
 * @param heldOutPerplexity    exp(−Σ_d documentTerm_d / held-out words), γ of the held-out documents
 *                             fitted with λ and α of the end of the pass (NaN without held-out documents)
 * @param rate                 the last ρ_t of the pass (1 for batch)
 */
public record LdaPass(int pass, double trainPerplexity, double heldOutPerplexity, double rate) {
}
