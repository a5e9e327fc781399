package org.elbo4j.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.elbo4j.data.Binarize;
import org.elbo4j.data.Dataset;
import org.elbo4j.data.Mnist;
import org.elbo4j.infer.IwaeGradient;
import org.elbo4j.nn.Activation;
import org.elbo4j.optim.AdamConfig;
import org.elbo4j.random.Rng;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pins short training runs (two epochs of a 784-32-4 model on 128 bundled digits) and their
 * evaluation to the exact values the code gives since Adam's moments are held in double
 * ({@code optim.AdamUpdate} under {@code infer.SviLoop}; the same on JDK 17 and 25 and at every
 * vector width): the training objectives, the final weights (a hash of their bits), the test ELBO
 * and IWAE-40 are compared with tolerance 0. A change of the numerics (an operation reordered, a
 * sum in float instead of double) fails here.
 *
 * <p>Each run is also compared with the values of the float32-moment Adam the VAE used before
 * (main at 3bfb7a5, themselves equal to those before the fused operations moved to this package):
 * within {@value #FLOAT_MOMENTS_TOLERANCE} nats. The first epoch's objective is bit-identical in
 * most runs (it is computed before each update and the first updates agree to float rounding);
 * the largest difference seen was 5e−6 nats (the Gaussian run's test ELBO).
 */
class VaePinnedRunTest {

    private static Dataset train;
    private static Dataset test;

    @BeforeAll
    static void load() throws IOException {
        Mnist digits = Mnist.load(Path.of("..", "elbo4j-cli", "src", "main", "resources", "org", "elbo4j", "data"));
        train = digits.train().slice(0, 128);
        test = Binarize.STATIC.prepare(digits.test().slice(0, 12), Rng.of(123));
    }

    /** What a run gives: the two epochs' training objectives, a hash of the final weights' bits, test ELBO and IWAE-40. */
    record Outcome(double epoch1, double epoch2, long weightHash, double testElbo, double testIwae) {
    }

    /** How far (nats) a run may be from the float32-moment Adam's: rounding of the moments only. */
    static final double FLOAT_MOMENTS_TOLERANCE = 1e-4;

    static Outcome run(Likelihood likelihood, int samples, int anneal, VaeObjective objective) {
        Rng rng = Rng.of(11);
        VaeConfig config = new VaeConfig(784, List.of(32), 4, Activation.RELU, likelihood, samples, 1.0, anneal);
        VaeTrainer t = VaeTrainer.of(Vae.of(config, rng.child("init")), train, 32, AdamConfig.adam().withLr(3e-3),
                Binarize.DYNAMIC, objective, rng);
        double e1 = t.trainEpoch();
        double e2 = t.trainEpoch();
        long hash = 17;
        for (Map.Entry<String, float[]> p : t.vae().parameters().copyValues().entrySet()) {
            for (float v : p.getValue()) {
                hash = 31 * hash + Float.floatToIntBits(v);
            }
        }
        VaeScores s = VaeEvaluation.evaluate(t.vae(), test, 40, Rng.of(5));
        return new Outcome(e1, e2, hash, s.elbo(), s.iwae());
    }

    /** {@code expected} exactly; {@code floatMoments} (main's float32-moment run) to rounding. */
    private static void assertOutcome(Outcome expected, Outcome floatMoments, Outcome found) {
        assertEquals(expected, found, "a pinned run changed: every value must be bit-identical");
        double[] was = {floatMoments.epoch1(), floatMoments.epoch2(), floatMoments.testElbo(), floatMoments.testIwae()};
        double[] now = {found.epoch1(), found.epoch2(), found.testElbo(), found.testIwae()};
        for (int i = 0; i < was.length; i++) {
            assertEquals(was[i], now[i], FLOAT_MOMENTS_TOLERANCE, "value " + i + " against the float32-moment Adam");
        }
    }

    @Test
    void elboBernoulliWithAnnealing() {
        assertOutcome(new Outcome(-545.7510375976562, -527.4019012451172, 6072743498927982661L,
                -508.6950861612956, -491.21939339866987),
                new Outcome(-545.7510375976562, -527.4019012451172, 1308991601201104474L,
                -508.69508361816406, -491.21939485233975),
                run(Likelihood.BERNOULLI, 1, 2, VaeObjective.ELBO));
    }

    @Test
    void elboGaussianTwoSamples() {
        assertOutcome(new Outcome(-788.7977752685547, -778.2076110839844, 7829731966459338946L,
                -779.0375061035156, -777.7444100254412),
                new Outcome(-788.7977752685547, -778.2076110839844, 8316595108164935381L,
                -779.0375010172526, -777.7444064021923),
                run(Likelihood.GAUSSIAN, 2, 0, VaeObjective.ELBO));
    }

    @Test
    void elboStlContinuousBernoulli() {
        assertOutcome(new Outcome(0.9953427463769913, 27.25960898399353, -7269727948448172987L,
                61.535557428995766, 89.5744913723898),
                new Outcome(0.9953425824642181, 27.25960874557495, -1799989005162285158L,
                61.53555711110433, 89.57448852131012),
                run(Likelihood.CONTINUOUS_BERNOULLI, 2, 0, new VaeObjective(false, IwaeGradient.STL)));
    }

    @Test
    void iwaePlain() {
        assertOutcome(new Outcome(-543.0284576416016, -515.1288299560547, 1014839131497995836L,
                -503.5790710449219, -475.4789653411054),
                new Outcome(-543.0284576416016, -515.1288299560547, -3930683678222237693L,
                -503.57906341552734, -475.4789638773368),
                run(Likelihood.BERNOULLI, 3, 0, new VaeObjective(true, IwaeGradient.PLAIN)));
    }

    @Test
    void iwaeStl() {
        assertOutcome(new Outcome(-543.1581420898438, -515.7254409790039, -847932496156971099L,
                -503.9053446451823, -476.1650187555686),
                new Outcome(-543.1581420898438, -515.7254409790039, 1812522164312483296L,
                -503.90535227457684, -476.1650225219576),
                run(Likelihood.BERNOULLI, 3, 0, new VaeObjective(true, IwaeGradient.STL)));
    }

    @Test
    void iwaeDreg() {
        assertOutcome(new Outcome(-543.1221923828125, -515.5974960327148, -8977154377854297733L,
                -504.42885335286456, -475.8327021258488),
                new Outcome(-543.1221923828125, -515.5974960327148, -824593865981572572L,
                -504.4288508097331, -475.8327018339682),
                run(Likelihood.BERNOULLI, 3, 0, new VaeObjective(true, IwaeGradient.DREG)));
    }
}
