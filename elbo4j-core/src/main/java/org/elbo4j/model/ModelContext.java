package org.elbo4j.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.elbo4j.bayes.Minibatch;
import org.elbo4j.bayes.Parameter;
import org.elbo4j.bayes.ParameterValues;
import org.elbo4j.dist.Distribution;
import org.elbo4j.dist.Support;
import org.elbo4j.dist.transform.Bijection;
import org.elbo4j.dist.transform.Bijections;
import org.elbo4j.tensor.Functions;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * What a {@link ModelFunction} calls: {@link #sample} for a latent parameter, {@link #observe} for
 * a data term, {@link #plate} for a conditionally independent dimension. One context serves one
 * run of the model, in one of two modes:
 * <ul>
 *   <li><b>drawing</b> (tracing a model, or drawing from its prior): {@code sample} returns a draw
 *       of the prior, of shape {@code batch ++ event}, where {@code batch} holds the sizes of the
 *       open plates (innermost first, the outermost at dimension −1);</li>
 *   <li><b>evaluating</b> M particles: {@code sample} returns the given values of shape
 *       {@code [M] ++ 1…1 ++ batch ++ event}, with ones padding the batch to the model's deepest
 *       plate nesting P, so that the particle dimension stays leading and every plate keeps its
 *       dimension from the right whatever the nesting of the site: NumPy broadcasting carries the
 *       particles through the model's arithmetic (as Pyro's vectorised particles do).</li>
 * </ul>
 * The log density accumulates per particle:
 * <pre>
 *   log p(θ) = Σ_sample sites Σ log prior(value),
 *   L(θ) = Σ_observe sites s_site Σ log p(data | θ),   s_site = N / |B| inside the subsampled plate, else 1.
 * </pre>
 * A sample value outside its prior's support contributes −∞ for its particle (the particle's value
 * is replaced by a point inside the support before the model goes on, so that the rest of the run
 * stays finite).
 *
 * <p>Checks, each an {@link IllegalArgumentException} naming the site: a name used twice; a
 * distribution whose batch shape does not fit the open plates; an observe whose log-probability
 * does not have exactly the plates' shape (data and batch shapes that broadcast into an extra
 * dimension); a plate opened with two sizes; two subsampled plates; a sample inside a subsampled
 * plate (local latent variables under subsampling are not supported); a prior whose support
 * depends on other parameters (such as {@code Uniform(0, hi)} with {@code hi} a parameter: the
 * parameter is fitted through the bijection of the support it had when traced).
 */
public final class ModelContext {

    private final int m;
    private final int plateRank;
    private final ParameterValues theta;
    private final Minibatch batch;
    private final RandomGenerator rng;
    private final Map<String, Parameter> traced;

    private final Set<String> siteNames = new HashSet<>();
    private final Map<String, int[]> plates = new HashMap<>();
    private final Deque<Plate> open = new ArrayDeque<>();
    private final List<Parameter> parameters = new ArrayList<>();
    private final Map<String, Tensor> draws = new LinkedHashMap<>();
    private Tensor logPrior;
    private Tensor scaledLikelihood;
    private int maxDepth;
    private String subsampledPlate;
    private int subsampledSize;
    private int subsampleSize;
    private int visitedSamples;
    private TapeSites tape;

    private ModelContext(int m, int plateRank, ParameterValues theta, Minibatch batch, RandomGenerator rng,
            Map<String, Parameter> traced) {
        this.traced = traced;
        this.m = m;
        this.plateRank = plateRank;
        this.theta = theta;
        this.batch = batch;
        this.rng = rng;
    }

    /** A context that draws every sample site from its prior (no particle dimension). */
    static ModelContext forDraws(RandomGenerator rng) {
        return new ModelContext(0, 0, null, null, rng, Map.of());
    }

    /** A context that evaluates the M particles of {@code theta} on {@code batch}; {@code traced} by name. */
    static ModelContext forEvaluation(ParameterValues theta, Minibatch batch, int plateRank,
            Map<String, Parameter> traced) {
        return new ModelContext(theta.count(), plateRank, theta, batch, null, traced);
    }

    /**
     * A context that evaluates the M particles of {@code theta} on {@code batch} on the
     * double-precision tape of {@code sites} (the sample and observe sites' log-densities in double,
     * {@link TapeSites}); the values returned and the checks are those of {@link #forEvaluation}.
     */
    static ModelContext forTape(ParameterValues theta, Minibatch batch, int plateRank,
            Map<String, Parameter> traced, TapeSites sites) {
        ModelContext c = new ModelContext(theta.count(), plateRank, theta, batch, null, traced);
        c.tape = sites;
        return c;
    }

    /**
     * A latent parameter {@code name} with prior {@code prior}: the parameter's shape is the open
     * plates' sizes followed by the prior's event shape, and its support is the prior's support
     * (a positive prior gives a parameter fitted through exp, a unit-interval one through the
     * sigmoid, a Dirichlet one through stick-breaking).
     *
     * @return the value (see the class comment for its shape)
     * @throws IllegalArgumentException for a name used before, a discrete prior, a prior batch
     *     shape that does not broadcast to the plates, or a sample inside a subsampled plate
     */
    public Tensor sample(String name, Distribution prior) {
        claim(name, "sample");
        if (prior == null) {
            throw new ModelException("ModelContext: sample '" + name + "': prior must not be null");
        }
        for (Plate p : open) {
            int[] decl = plates.get(p.name());
            if (decl[1] < decl[0]) {
                throw new ModelException("ModelContext: sample '" + name + "' is inside the subsampled plate '"
                        + p.name() + "': local latent variables under subsampling are not supported");
            }
        }
        Support support = prior.support();
        if (Bijections.fromUnconstrained(support).isEmpty()) {
            throw new ModelException("ModelContext: sample '" + name + "': the prior " + prior + " has the discrete"
                    + " support " + support + "; only continuous parameters can be fit");
        }
        int depth = open.size();
        int[] paramShape = SiteShapes.concat(plateShape(), prior.eventShape());
        int[] target = SiteShapes.concat(prefix(depth), plateShape());
        if (!SiteShapes.broadcastsTo(prior.batchShape(), target)) {
            throw new ModelException("ModelContext: sample '" + name + "': the prior's batch shape "
                    + Shape.str(prior.batchShape()) + " does not fit the batch shape " + Shape.str(target)
                    + " of the open plates " + plateNames() + "; declare its dimensions with a plate, or as an"
                    + " event with Independent.of(prior, k)");
        }
        if (theta == null) {
            Tensor value = SiteShapes.draw(prior, target, rng);
            parameters.add(parameter(name, paramShape, support));
            draws.put(name, value);
            Tensor lp = prior.logProb(value);
            checkLogProb("sample", name, lp.shape(), target, prior, value.shape());
            addPrior(SiteShapes.perParticle(lp, 0, 0));
            return value;
        }
        Tensor raw = theta.asMap().get(name);
        int[] rawShape = SiteShapes.concat(new int[] {m}, paramShape);
        if (raw == null || !Arrays.equals(raw.shape(), rawShape)) {
            throw new ModelException("ModelContext: sample '" + name + "' has shape " + Shape.str(rawShape)
                    + " in this run but " + (raw == null ? "was not seen" : "shape " + Shape.str(raw.shape()))
                    + " when the model was traced (the sites must not depend on the parameter values)");
        }
        visitedSamples++;
        sameSupport(name, support, traced.get(name), paramShape);
        int[] valueShape = SiteShapes.concat(prefix(depth), paramShape);
        Tensor value = raw.reshape(valueShape);
        if (tape != null) {
            org.elbo4j.autodiff.Var lp = tape.logProb(prior, value);
            checkLogProb("sample", name, lp.shape(), target, prior, valueShape);
            tape.addPrior(lp, m, target.length);
            return value;
        }
        float[] inside = SiteShapes.rowsAllTrue(support.check(value), m);
        float[] penalty = new float[m];
        boolean outside = false;
        for (int i = 0; i < m; i++) {
            if (inside[i] == 0f) {
                penalty[i] = Float.NEGATIVE_INFINITY;
                outside = true;
            }
        }
        if (outside) {
            int[] maskShape = new int[valueShape.length];
            Arrays.fill(maskShape, 1);
            maskShape[0] = m;
            value = Functions.where(Tensor.of(inside, maskShape), value, insidePoint(support, paramShape, depth));
        }
        Tensor lp = prior.logProb(value);
        checkLogProb("sample", name, lp.shape(), target, prior, valueShape);
        Tensor term = SiteShapes.perParticle(lp, m, target.length);
        addPrior(outside ? term.add(Tensor.of(penalty, m)) : term);
        return value;
    }

    /**
     * A data term: {@code Σ log d(data)} over the open plates, scaled by N / |B| inside the
     * subsampled plate. The log-probability must have exactly the open plates' shape.
     *
     * @throws IllegalArgumentException for a name used before or a log-probability shape that does
     *     not match the plates (the message names the site, the expected shape, the data's shape and
     *     the distribution's batch and event shapes)
     */
    public void observe(String name, Distribution d, Tensor data) {
        claim(name, "observe");
        if (d == null || data == null) {
            throw new ModelException("ModelContext: observe '" + name + "': distribution and data must not be null");
        }
        checkDataInSupport(name, d, data);
        int depth = open.size();
        int[] target = SiteShapes.concat(prefix(depth), plateShape());
        boolean scaled = false;
        for (Plate p : open) {
            scaled |= p.name().equals(subsampledPlate);
        }
        if (tape != null) {
            org.elbo4j.autodiff.Var lp = tape.logProb(d, data);
            checkLogProb("observe", name, lp.shape(), target, d, data.shape());
            tape.addLikelihood(lp, m, target.length, scaled && batch != null && !batch.isFull() ? batch.scale() : 1);
            return;
        }
        Tensor lp = d.logProb(data);
        checkLogProb("observe", name, lp.shape(), target, d, data.shape());
        Tensor term = SiteShapes.perParticle(lp, m, target.length);
        if (scaled && batch != null && !batch.isFull()) {
            term = term.mul(batch.scale());
        }
        scaledLikelihood = scaledLikelihood == null ? term : scaledLikelihood.add(term);
    }

    /**
     * Observed data outside a support that does not depend on the parameters (every discrete and
     * fixed continuous support) is an error: its log-probability would be −∞ for every particle.
     * An interval support with parameter bounds is left to {@code logProb} (−∞ for the particles
     * whose bounds exclude the data).
     */
    private static void checkDataInSupport(String name, Distribution d, Tensor data) {
        org.elbo4j.dist.Support support = d.support();
        if (support.bounds().isPresent() || data.rank() < support.eventRank()) {
            return;
        }
        float[] inside = support.check(data).toFloatArray();
        for (int i = 0; i < inside.length; i++) {
            if (inside[i] == 0) {
                throw new ModelException("ModelContext: observe '" + name + "': data event " + i
                        + " is outside the support of " + d.getClass().getSimpleName() + " (" + support.name() + ")");
            }
        }
    }

    /** A plate of {@code size} elements, not subsampled. */
    public Plate plate(String name, int size) {
        return plate(name, size, size);
    }

    /**
     * A plate of {@code size} = N elements of which each step of a fit sees a random subsample of
     * {@code subsampleSize} = |B| (the fit's minibatch), its observe sites scaled by N / |B|.
     * Open it with try-with-resources. A model may subsample at most one plate (its data plate).
     *
     * @throws IllegalArgumentException for a blank name, sizes outside 1 ≤ |B| ≤ N, the same name
     *     already open, used by a site or declared before with other sizes, or a second subsampled plate
     */
    public Plate plate(String name, int size, int subsampleSize) {
        if (name == null || name.isBlank()) {
            throw new ModelException("ModelContext: plate name must be non-empty, got '" + name + "'");
        }
        if (size < 1 || subsampleSize < 1 || subsampleSize > size) {
            throw new ModelException("ModelContext: plate '" + name + "': sizes must satisfy 1 <= subsampleSize <= size,"
                    + " got size " + size + ", subsampleSize " + subsampleSize);
        }
        if (siteNames.contains(name)) {
            throw new ModelException("ModelContext: plate '" + name + "' has the name of a site");
        }
        for (Plate p : open) {
            if (p.name().equals(name)) {
                throw new ModelException("ModelContext: plate '" + name + "' is already open");
            }
        }
        int[] before = plates.get(name);
        if (before != null && (before[0] != size || before[1] != subsampleSize)) {
            throw new ModelException("ModelContext: plate '" + name + "' has size " + size + " (subsample "
                    + subsampleSize + ") here but size " + before[0] + " (subsample " + before[1] + ") before");
        }
        plates.put(name, new int[] {size, subsampleSize});
        int[] indices = null;
        if (subsampleSize < size) {
            if (subsampledPlate != null && !subsampledPlate.equals(name)) {
                throw new ModelException("ModelContext: plates '" + subsampledPlate + "' and '" + name
                        + "' are both subsampled; a model may subsample one plate (its data plate)");
            }
            subsampledPlate = name;
            subsampledSize = size;
            this.subsampleSize = subsampleSize;
            if (batch != null && !batch.isFull()) {
                if (batch.observationCount() != size) {
                    throw new ModelException("ModelContext: plate '" + name + "' has size " + size
                            + " but the fit's minibatch is drawn from " + batch.observationCount() + " observations");
                }
                indices = batch.indices();
            }
        }
        if (theta != null && open.size() + 1 > plateRank) {
            throw new ModelException("ModelContext: plate '" + name + "' nests " + (open.size() + 1)
                    + " deep, deeper than when the model was traced (" + plateRank + ")");
        }
        Plate p = new Plate(this, name, size, indices, -(open.size() + 1));
        open.push(p);
        maxDepth = Math.max(maxDepth, open.size());
        return p;
    }

    void close(Plate p) {
        if (open.peek() != p) {
            throw new ModelException("ModelContext: " + p + " closed while " + open.peek() + " is open inside it");
        }
        open.pop();
    }

    /** Checks that the run ended cleanly: every plate closed, every declared parameter visited. */
    void finish() {
        if (!open.isEmpty()) {
            throw new ModelException("ModelContext: " + open.peek() + " was never closed (use try-with-resources)");
        }
        if (theta != null && visitedSamples != theta.asMap().size()) {
            throw new ModelException("ModelContext: the run visited " + visitedSamples + " of the "
                    + theta.asMap().size() + " sample sites " + theta.asMap().keySet()
                    + " (the sites must not depend on the parameter values)");
        }
    }

    /** log p(θ) per particle, {@code [M]} ({@code [1]} when drawing). */
    Tensor logPrior() {
        return logPrior == null ? Tensor.zeros(Math.max(m, 1)) : logPrior;
    }

    /** The observe sites' sum with the N / |B| scaling, {@code [M]}. */
    Tensor scaledLikelihood() {
        return scaledLikelihood == null ? Tensor.zeros(Math.max(m, 1)) : scaledLikelihood;
    }

    List<Parameter> parameters() {
        return parameters;
    }

    Map<String, Tensor> draws() {
        return draws;
    }

    int maxDepth() {
        return maxDepth;
    }

    /** The subsampled plate's name, or null. */
    String subsampledPlate() {
        return subsampledPlate;
    }

    int subsampledSize() {
        return subsampledSize;
    }

    int subsampleSize() {
        return subsampleSize;
    }

    private void claim(String name, String kind) {
        if (name == null || name.isBlank()) {
            throw new ModelException("ModelContext: " + kind + " site name must be non-empty, got '" + name + "'");
        }
        if (!siteNames.add(name)) {
            throw new ModelException("ModelContext: site '" + name + "' is declared twice (the second time as "
                    + kind + "); site names must be unique");
        }
        if (plates.containsKey(name)) {
            throw new ModelException("ModelContext: " + kind + " '" + name + "' has the name of a plate");
        }
    }

    /** The open plates' sizes in this run, innermost first (so the outermost sits at dimension −1). */
    private int[] plateShape() {
        int[] s = new int[open.size()];
        int i = 0;
        for (Plate p : open) {
            s[i++] = p.subsampleSize();
        }
        return s;
    }

    /** {@code [M] ++ 1…1} (P − depth ones) when evaluating; empty when drawing. */
    private int[] prefix(int depth) {
        if (m == 0) {
            return new int[0];
        }
        int[] s = new int[1 + plateRank - depth];
        Arrays.fill(s, 1);
        s[0] = m;
        return s;
    }

    private List<String> plateNames() {
        List<String> names = new ArrayList<>();
        open.descendingIterator().forEachRemaining(p -> names.add(p.name()));
        return names;
    }

    private void checkLogProb(String kind, String name, int[] lpShape, int[] target, Distribution d, int[] valueShape) {
        int[] p = SiteShapes.leftPad(lpShape, target.length);
        boolean ok = p != null;
        for (int i = 0; ok && i < target.length; i++) {
            ok = p[i] == target[i] || (m > 0 && i == 0 && p[i] == 1);
        }
        if (!ok) {
            String what = kind.equals("observe") ? "data" : "value";
            throw new ModelException("ModelContext: " + kind + " '" + name + "': log-probability has shape "
                    + Shape.str(lpShape) + ", expected " + Shape.str(target)
                    + (m > 0 ? " ([particles] ++ plates " + plateNames() + ")" : " (the plates " + plateNames() + ")")
                    + "; " + what + " shape " + Shape.str(valueShape) + ", distribution batch shape "
                    + Shape.str(d.batchShape()) + ", event shape " + Shape.str(d.eventShape()));
        }
    }

    private void addPrior(Tensor term) {
        logPrior = logPrior == null ? term : logPrior.add(term);
    }

    private static Parameter parameter(String name, int[] shape, Support support) {
        try {
            return new Parameter(name, shape, support);
        } catch (IllegalArgumentException e) {
            throw new ModelException("ModelContext: sample '" + name + "': " + e.getMessage(), e);
        }
    }

    /**
     * The support a parameter is fitted on is the one its prior had when the model was traced; a
     * support built anew on every run (an interval with tensor bounds) must still map the
     * unconstrained space the same way, or the fit would be on the wrong set.
     */
    private static void sameSupport(String name, Support now, Parameter traced, int[] paramShape) {
        if (traced == null || now == traced.support()) {
            return;
        }
        Bijection f = traced.bijection();
        Bijection g = Bijections.fromUnconstrained(now).orElse(null);
        int[] u = SiteShapes.concat(new int[] {1}, f.inverseShape(paramShape.clone()));
        Tensor probe = Tensor.full(0.5, u);
        Tensor a = f.forward(probe);
        Tensor b = g == null ? null : g.forward(probe);
        boolean same = b != null && java.util.Arrays.equals(a.shape(), b.shape());
        float[] av = a.data();
        float[] bv = same ? b.data() : new float[0];
        for (int i = 0; same && i < av.length; i++) {
            same = Math.abs(av[i] - bv[i]) <= 1e-6 * (1 + Math.abs(av[i]));
        }
        if (!same) {
            throw new ModelException("ModelContext: sample '" + name + "': the prior's support " + now
                    + " differs from the one traced (" + traced.support() + "): a support that depends on other"
                    + " parameters is not supported; sample a fixed-support variable and transform it instead"
                    + " (e.g. lo + (hi - lo)·u with u ~ Uniform(0, 1))");
        }
    }

    /** f(0), a point inside the support, shaped like one particle's value. */
    private Tensor insidePoint(Support support, int[] paramShape, int depth) {
        Bijection f = Bijections.fromUnconstrained(support).orElseThrow();
        int[] u = SiteShapes.concat(new int[] {1}, f.inverseShape(paramShape.clone()));
        int[] shape = prefix(depth);
        shape[0] = 1;
        return f.forward(Tensor.zeros(u)).reshape(SiteShapes.concat(shape, paramShape));
    }
}
