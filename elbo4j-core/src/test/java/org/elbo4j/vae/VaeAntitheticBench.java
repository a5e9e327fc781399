package org.elbo4j.vae;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.elbo4j.data.Binarize;
import org.elbo4j.data.Dataset;
import org.elbo4j.data.Mnist;
import org.elbo4j.infer.IwaeGradient;
import org.elbo4j.nn.Activation;
import org.elbo4j.optim.AdamConfig;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;

/**
 * Not a test: does an antithetic pair of noise draws (ε, −ε) reduce the variance of the VAE's
 * ELBO gradient against two independent draws? A small VAE (784-64-8, ReLU, Bernoulli, K
 * samples per example) on 300 MNIST digits; on one fixed binarized batch of 32 the gradient of
 * the loss over all weights is drawn R times with iid noise and R times with the antithetic noise
 * of {@code vae train --antithetic} ({@link VaeNoise}: with K = 2 sample 1 = −sample 0 of each
 * example, with K = 1 example b + 16 = −example b); reported is the total variance
 * Σ_params Var(∂loss/∂θ) for each and their ratio, at initialisation and after 1 and 5 epochs, for
 * the analytic-KL ELBO (reparam) and the Monte Carlo ELBO with STL. Both estimators stay unbiased
 * for the ELBO (each sample's marginal is N(0, I)); for IWAE the pair would change the bound, so
 * it is not measured. Run: {@code java -cp <test classpath> org.elbo4j.vae.VaeAntitheticBench [R [K]]}.
 */
public final class VaeAntitheticBench {

    private VaeAntitheticBench() {
    }

    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int k = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Mnist digits = Mnist.load(Path.of("elbo4j-cli", "src", "main", "resources", "org", "elbo4j", "data"));
        Dataset train = digits.train().slice(0, 300);
        Tensor batch = Binarize.STATIC.prepare(digits.train().slice(0, 32), Rng.of(5)).values();
        Rng rng = Rng.of(3);
        VaeConfig config = new VaeConfig(784, List.of(64), 8, Activation.RELU, Likelihood.BERNOULLI, k, 1.0, 0);
        VaeTrainer trainer = VaeTrainer.of(Vae.of(config, rng.child("init")), train, 32,
                AdamConfig.adam().withLr(3e-3), Binarize.DYNAMIC, rng);
        VaeObjective[] objectives = {VaeObjective.ELBO, new VaeObjective(false, IwaeGradient.STL)};
        int epochs = 0;
        for (int target : new int[] {0, 1, 5}) {
            while (epochs < target) {
                trainer.trainEpoch();
                epochs++;
            }
            for (VaeObjective o : objectives) {
                double iid = totalVariance(trainer.vae(), batch, o, reps, false);
                double anti = totalVariance(trainer.vae(), batch, o, reps, true);
                System.out.printf(Locale.ROOT, "K %d  epochs %d  %s/%s  total gradient variance: iid %.4g  antithetic %.4g"
                        + "  ratio %.3f%n", k, epochs, o.objectiveName(), o.estimatorName(), iid, anti, anti / iid);
            }
        }
    }

    private static double totalVariance(Vae vae, Tensor x, VaeObjective objective, int reps, boolean antithetic) {
        List<Tensor> params = vae.parameters().tensors();
        int n = 0;
        for (Tensor p : params) {
            n += p.size();
        }
        double[] sum = new double[n];
        double[] sq = new double[n];
        Rng rng = Rng.of(antithetic ? 11 : 12);
        for (int r = 0; r < reps; r++) {
            for (Tensor p : params) {
                p.zeroGrad();
            }
            vae.loss(x, rng.child(r), 1.0, objective.withAntithetic(antithetic)).backward();
            int o = 0;
            for (Tensor p : params) {
                float[] g = p.grad().data();
                for (int i = 0; i < g.length; i++) {
                    sum[o + i] += g[i];
                    sq[o + i] += (double) g[i] * g[i];
                }
                o += g.length;
            }
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            double mean = sum[i] / reps;
            total += (sq[i] / reps - mean * mean) * reps / (reps - 1);
        }
        return total;
    }
}
