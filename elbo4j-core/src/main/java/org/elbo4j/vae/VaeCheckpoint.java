package org.elbo4j.vae;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.elbo4j.io.AtomicFiles;
import org.elbo4j.io.Json;
import org.elbo4j.io.JsonObject;
import org.elbo4j.io.Safetensors;
import org.elbo4j.nn.Activation;
import org.elbo4j.optim.OptimizerState;
import org.elbo4j.tensor.Tensor;

/**
 * A saved point of a VAE run, as a directory:
 * <ul>
 *   <li>{@code model.safetensors}: the weights ("encoder.0.weight" [in, out], ...), float32;</li>
 *   <li>{@code config.json}: the {@link VaeConfig} plus the caller's training settings
 *       (batch size, learning rate, seed, ...) under "training";</li>
 *   <li>{@code optimizer.safetensors}: the optimizer's buffers (Adam's moments, F64 since the
 *       moments are held in double; F32 in checkpoints written before, which still load, widened
 *       to double), and {@code state.json}: its kind and step count and the number of completed
 *       epochs, so that a resumed run continues exactly.</li>
 * </ul>
 * Every file is written atomically ({@link AtomicFiles}); the weights are written last but one
 * and state.json last, so a directory whose state.json names epoch e holds that epoch's weights.
 *
 * @param vae the model with the saved weights
 * @param training the training settings saved with it (JSON values: String, Double, Boolean, List, Map)
 * @param optimizer the optimizer's state, or null when none was saved
 * @param epochsDone the number of completed epochs
 */
public record VaeCheckpoint(Vae vae, Map<String, Object> training, OptimizerState optimizer, long epochsDone) {

    public static final String MODEL = "model.safetensors";
    public static final String CONFIG = "config.json";
    public static final String OPTIMIZER = "optimizer.safetensors";
    public static final String STATE = "state.json";

    /** Writes the checkpoint files into {@code dir} (created if needed). */
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.writeString(dir.resolve(CONFIG), configJson(vae.config(), training));
        if (optimizer != null && optimizer.isDouble()) {
            Map<String, Safetensors.Entry64> buffers = new LinkedHashMap<>();
            for (Map.Entry<String, double[]> e : optimizer.doubleBuffers().entrySet()) {
                buffers.put(e.getKey(), new Safetensors.Entry64(new int[] {e.getValue().length}, e.getValue()));
            }
            Safetensors.write64(dir.resolve(OPTIMIZER), buffers);
        } else if (optimizer != null) {
            Map<String, Safetensors.Entry> buffers = new LinkedHashMap<>();
            for (Map.Entry<String, float[]> e : optimizer.buffers().entrySet()) {
                buffers.put(e.getKey(), new Safetensors.Entry(new int[] {e.getValue().length}, e.getValue()));
            }
            Safetensors.write(dir.resolve(OPTIMIZER), buffers);
        }
        Map<String, Safetensors.Entry> weights = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : vae.parameters().parameters().entrySet()) {
            weights.put(e.getKey(), new Safetensors.Entry(e.getValue().shape(), e.getValue().toFloatArray()));
        }
        Safetensors.write(dir.resolve(MODEL), weights);
        JsonObject state = new JsonObject().put("epochs_done", epochsDone);
        if (optimizer != null) {
            state.put("optimizer", optimizer.kind()).put("optimizer_step", optimizer.step());
        }
        AtomicFiles.writeString(dir.resolve(STATE), Json.writeIndented(state));
    }

    /**
     * Reads a checkpoint directory.
     *
     * @throws IllegalArgumentException naming the file and what is wrong or missing
     */
    public static VaeCheckpoint load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": no such model directory");
        }
        Map<String, Object> config = readObject(dir.resolve(CONFIG));
        VaeConfig vaeConfig = parseConfig(config, dir.resolve(CONFIG));
        @SuppressWarnings("unchecked")
        Map<String, Object> training = config.get("training") instanceof Map<?, ?> m
                ? (Map<String, Object>) m : Map.of();
        Vae vae = Vae.of(vaeConfig, RandomGenerator.of("L64X128MixRandom"));
        Path modelFile = dir.resolve(MODEL);
        if (!Files.exists(modelFile)) {
            throw new IllegalArgumentException(modelFile + ": missing (not a VAE model directory?)");
        }
        Map<String, Safetensors.Entry> weights = Safetensors.read(modelFile);
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Map.Entry<String, Safetensors.Entry> e : weights.entrySet()) {
            values.put(e.getKey(), e.getValue().values());
        }
        try {
            vae.parameters().loadValues(values);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(modelFile + ": weights do not fit config.json: " + e.getMessage(), e);
        }
        OptimizerState optimizer = null;
        long epochs = 0;
        Path stateFile = dir.resolve(STATE);
        if (Files.exists(stateFile)) {
            Map<String, Object> state = readObject(stateFile);
            epochs = (long) number(state, "epochs_done", stateFile);
            if (state.get("optimizer") instanceof String kind && Files.exists(dir.resolve(OPTIMIZER))) {
                Map<String, double[]> buffers = new LinkedHashMap<>();
                for (Map.Entry<String, Safetensors.Entry64> e
                        : Safetensors.readWidened(dir.resolve(OPTIMIZER)).entrySet()) {
                    buffers.put(e.getKey(), e.getValue().values());
                }
                optimizer = OptimizerState.ofDoubles(kind, (long) number(state, "optimizer_step", stateFile), buffers);
            }
        }
        return new VaeCheckpoint(vae, training, optimizer, epochs);
    }

    /** The config.json text: the model configuration and, under "training", the given settings. */
    static String configJson(VaeConfig c, Map<String, Object> training) {
        return Json.writeIndented(new JsonObject().put("input_dim", c.inputDim()).put("hidden", c.hidden())
                .put("latent", c.latent()).put("activation", c.activation().name().toLowerCase(Locale.ROOT))
                .put("likelihood", c.likelihood().label()).put("samples", c.samples()).put("beta", c.beta())
                .put("kl_anneal_epochs", c.klAnnealEpochs()).put("training", training));
    }

    private static VaeConfig parseConfig(Map<String, Object> m, Path file) {
        try {
            List<Integer> hidden = new ArrayList<>();
            if (!(m.get("hidden") instanceof List<?> list)) {
                throw new IllegalArgumentException("field 'hidden' must be a list of sizes");
            }
            for (Object o : list) {
                hidden.add(((Number) o).intValue());
            }
            return new VaeConfig((int) number(m, "input_dim", file), hidden, (int) number(m, "latent", file),
                    Activation.parse(String.valueOf(m.get("activation"))),
                    Likelihood.parse(String.valueOf(m.get("likelihood"))), (int) number(m, "samples", file),
                    number(m, "beta", file), (int) number(m, "kl_anneal_epochs", file));
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new IllegalArgumentException(file + ": bad VAE configuration: " + e.getMessage(), e);
        }
    }

    private static double number(Map<String, Object> m, String key, Path file) {
        if (!(m.get(key) instanceof Double d)) {
            throw new IllegalArgumentException(file + ": field '" + key + "' must be a number, got " + m.get(key));
        }
        return d;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readObject(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": missing (not a VAE model directory?)", e);
        }
        Object o;
        try {
            o = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        if (!(o instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(file + ": expected a JSON object");
        }
        return (Map<String, Object>) o;
    }
}
