package org.elbo4j.vae;

import java.util.Arrays;
import java.util.Locale;
import org.elbo4j.tensor.Tensor;

/**
 * The decoder's observation model {@code p(x | z)}, given the decoder output {@code o} per pixel.
 * <ul>
 *   <li>{@code BERNOULLI}: {@code log p = Σ x·o − softplus(o)} (o are logits, x in {0, 1}
 *       or, as is common, grey levels in [0, 1]).</li>
 *   <li>{@code CONTINUOUS_BERNOULLI}: the Bernoulli term plus {@code log C(o)}, a proper density
 *       on [0, 1] (Loaiza-Ganem &amp; Cunningham, 2019).</li>
 *   <li>{@code GAUSSIAN}: {@code log p = Σ −½(x − o)² − ½ log 2π}, unit variance with mean o.</li>
 * </ul>
 */
public enum Likelihood {
    BERNOULLI,
    CONTINUOUS_BERNOULLI,
    GAUSSIAN;

    /** Per row {@code log p(x | z)} for decoder outputs {@code out [B, D]}: a tensor {@code [B]}. */
    public Tensor logProb(Tensor out, Tensor x) {
        return switch (this) {
            case BERNOULLI -> LikelihoodOps.bernoulli(out, x);
            case CONTINUOUS_BERNOULLI -> LikelihoodOps.continuousBernoulli(out, x);
            case GAUSSIAN -> LikelihoodOps.gaussian(out, x);
        };
    }

    /** The mean of {@code p(x | z)} for one decoder output (the pixel shown in images). */
    public double mean(double out) {
        return switch (this) {
            case BERNOULLI -> 1 / (1 + Math.exp(-out));
            case CONTINUOUS_BERNOULLI -> {
                // E[x] = λ/(2λ−1) + 1/(2 artanh(1−2λ)) with λ = sigmoid(o); in logits: 1/(1−e^−o) − 1/o
                if (Math.abs(out) < 1e-3) {
                    yield 0.5 + out / 12;
                }
                yield 1 / (-Math.expm1(-out)) - 1 / out;
            }
            case GAUSSIAN -> out;
        };
    }

    /** The likelihood named {@code name}, ignoring case and '-' vs '_' ("bernoulli", "continuous-bernoulli", "gaussian"). */
    public static Likelihood parse(String name) {
        String n = name.trim().replace('-', '_');
        for (Likelihood l : values()) {
            if (l.name().equalsIgnoreCase(n)) {
                return l;
            }
        }
        throw new IllegalArgumentException("Likelihood: unknown name '" + name + "', expected one of "
                + Arrays.stream(values()).map(v -> v.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList());
    }

    /** The lower-case name used in files and on the command line ("continuous-bernoulli"). */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
