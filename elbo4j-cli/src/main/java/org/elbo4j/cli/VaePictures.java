package org.elbo4j.cli;

import java.util.ArrayList;
import java.util.List;
import org.elbo4j.data.Dataset;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.GradMode;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.vae.Likelihood;
import org.elbo4j.vae.Vae;

/** Images made by a trained {@link Vae}: prior samples and reconstructions (means of p(x | z)). */
final class VaePictures {

    private VaePictures() {
    }

    /** {@code n} images: z ~ N(0, I) from {@code rng}, shown as the mean of p(x | z). */
    static List<float[]> samples(Vae vae, int n, Rng rng) {
        try (GradMode ignored = GradMode.noGrad()) {
            Tensor z = Tensor.randn(rng, n, vae.config().latent());
            return means(vae.config().likelihood(), vae.decode(z));
        }
    }

    /** For the first {@code n} examples: the example, then its reconstruction from z = μ(x), interleaved by rows of 8. */
    static List<float[]> reconstructions(Vae vae, Dataset data, int n) {
        int m = Math.min(n, data.n());
        try (GradMode ignored = GradMode.noGrad()) {
            Tensor x = data.values().slice(0, 0, m);
            Tensor enc = vae.encode(x);
            Tensor mu = enc.slice(1, 0, vae.config().latent());
            List<float[]> rec = means(vae.config().likelihood(), vae.decode(mu));
            List<float[]> out = new ArrayList<>();
            int d = x.dim(1);
            for (int row = 0; row < m; row += 8) {
                for (int i = row; i < Math.min(row + 8, m); i++) {
                    float[] orig = new float[d];
                    System.arraycopy(x.data(), i * d, orig, 0, d);
                    out.add(orig);
                }
                for (int i = row; i < Math.min(row + 8, m); i++) {
                    out.add(rec.get(i));
                }
            }
            return out;
        }
    }

    private static List<float[]> means(Likelihood lik, Tensor out) {
        int d = out.dim(1);
        float[] o = out.data();
        List<float[]> images = new ArrayList<>();
        for (int r = 0; r < out.dim(0); r++) {
            float[] img = new float[d];
            for (int j = 0; j < d; j++) {
                img[j] = (float) lik.mean(o[r * d + j]);
            }
            images.add(img);
        }
        return images;
    }
}
