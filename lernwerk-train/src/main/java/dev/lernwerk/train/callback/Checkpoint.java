package dev.lernwerk.train.callback;

import dev.lernwerk.io.LongTensors;
import dev.lernwerk.io.SafeTensors;
import dev.lernwerk.tensor.Tensor;
import dev.lernwerk.train.Stateful;
import dev.lernwerk.train.TrainContext;
import dev.lernwerk.train.Trainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes checkpoints at the end of every completed epoch (TL-07): {@code last.safetensors} always and
 * {@code best.safetensors} when the monitored value improves. Each file holds the model's state dict
 * ({@code model.*}), the optimizer state ({@code optimizer.*}), every tracked {@link Stateful}
 * ({@code <name>.*}: e.g. the loader's epoch, position and generator), the state of every callback
 * of the trainer that is {@link Stateful} ({@code callbacks.<class name>.*}, e.g. {@code
 * callbacks.EarlyStopping.wait}; a second one of a class gets {@code _2}), the states of the model's generators ({@code
 * rng.*}: dropout masks) and, as metadata, the epoch, step, monitored key and best value. Files are
 * written to a temporary file and renamed, so a kill never leaves a half-written checkpoint. An epoch
 * that a callback stopped in its middle (e.g. {@link NanGuard}) is not saved: the last good
 * checkpoint stays.
 *
 * <p>{@link #resume(Trainer)} restores the last checkpoint (TL-08): with the same seeds, settings
 * and thread count, a fresh model, optimizer and loader resumed after a kill end with the same
 * weights as an uninterrupted run. Call it after building the trainer and before {@code fit}.
 *
 * <pre>{@code
 * var ckpt = new Checkpoint(Path.of("runs/mlp"), "val_loss").track("loader", Stateful.of(trainLoader));
 * var trainer = Trainer.builder(model, loss, opt).callbacks(ckpt).build();
 * ckpt.resume(trainer);                         // no-op when there is no checkpoint yet
 * trainer.fit(trainLoader, validLoader, 10);
 * }</pre>
 */
public final class Checkpoint implements Callback {
  /** File name of the checkpoint written after every epoch. */
  public static final String LAST = "last.safetensors";

  /** File name of the checkpoint of the best epoch. */
  public static final String BEST = "best.safetensors";

  private static final String CALLBACKS = "callbacks";

  private final Path dir;
  private final String monitor;
  private final EarlyStopping.Mode mode;
  private final Map<String, Stateful> tracked = new LinkedHashMap<>();
  private double best;

  /** Checkpoints into {@code dir}; {@code monitor} (may be null) decides the best epoch. */
  public Checkpoint(Path dir, String monitor) {
    this.dir = java.util.Objects.requireNonNull(dir, "Checkpoint: dir");
    this.monitor = monitor;
    this.mode = monitor == null ? EarlyStopping.Mode.MIN : EarlyStopping.defaultMode(monitor);
    this.best = mode == EarlyStopping.Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
  }

  /** Also saves and restores {@code state} under {@code name}. */
  public Checkpoint track(String name, Stateful state) {
    if (name == null || name.isEmpty() || name.contains(".") || name.equals("model")
        || name.equals("optimizer") || name.equals("rng") || name.equals(CALLBACKS)) {
      throw new IllegalArgumentException("Checkpoint.track: name must be non-empty, without dots"
          + " and not model/optimizer/rng/callbacks, got '" + name + "'");
    }
    if (state == null) {
      throw new IllegalArgumentException("Checkpoint.track: state for '" + name + "' is null");
    }
    tracked.put(name, state);
    return this;
  }

  @Override
  public int order() {
    return 15;
  }

  /** The folder the checkpoints are written to. */
  public Path dir() {
    return dir;
  }

  /** The best monitored value so far (±infinity before the first, or without a monitor). */
  public double best() {
    return best;
  }

  @Override
  public void onEpochEnd(TrainContext c) {
    if (!c.epochCompleted()) {
      return;
    }
    Map<String, Tensor> all = new LinkedHashMap<>();
    for (var e : c.model().stateDict().entrySet()) {
      all.put("model." + e.getKey(), e.getValue());
    }
    for (var e : c.optimizer().stateDict().entrySet()) {
      all.put("optimizer." + e.getKey(), e.getValue());
    }
    for (var t : tracked.entrySet()) {
      for (var e : t.getValue().state().entrySet()) {
        all.put(t.getKey() + "." + e.getKey(), e.getValue());
      }
    }
    for (var cb : statefulCallbacks(c.trainer()).entrySet()) {
      for (var e : cb.getValue().state().entrySet()) {
        all.put(CALLBACKS + "." + cb.getKey() + "." + e.getKey(), e.getValue());
      }
    }
    for (var e : c.model().namedGenerators().entrySet()) {
      all.put("rng." + e.getKey(), LongTensors.encode(e.getValue().state()));
    }
    boolean improved = false;
    if (monitor != null) {
      Double v = c.logs().get(monitor);
      if (v == null) {
        throw new IllegalStateException(
            "Checkpoint: the monitored value '" + monitor + "' is not in the logs " + c.logs().keySet());
      }
      improved = mode == EarlyStopping.Mode.MIN ? v < best : v > best;
      if (improved) {
        best = v;
      }
    }
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("epoch", Integer.toString(c.epoch() + 1));
    meta.put("step", Long.toString(c.step()));
    meta.put("monitor", monitor == null ? "" : monitor);
    meta.put("best", Double.toString(best));
    try {
      Files.createDirectories(dir);
      SafeTensors.save(dir.resolve(LAST), all, meta);
      if (improved) {
        SafeTensors.save(dir.resolve(BEST), all, meta);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Checkpoint: cannot write to " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Restores model, optimizer and tracked state from {@code last.safetensors} if it exists and makes
   * the trainer's next fit continue after the saved epoch. Returns the number of finished epochs
   * restored (0 when there was no checkpoint).
   */
  public int resume(Trainer trainer) {
    Path file = dir.resolve(LAST);
    if (!Files.exists(file)) {
      return 0;
    }
    try {
      var loaded = SafeTensors.read(file);
      Map<String, Tensor> tensors = loaded.tensors();
      Map<String, String> meta = loaded.metadata();
      trainer.model().loadStateDict(prefixed(tensors, "model."), true);
      trainer.optimizer().loadStateDict(prefixed(tensors, "optimizer."));
      for (var t : tracked.entrySet()) {
        t.getValue().restore(prefixed(tensors, t.getKey() + "."));
      }
      Map<String, Tensor> rng = prefixed(tensors, "rng.");
      for (var e : trainer.model().namedGenerators().entrySet()) {
        Tensor st = rng.get(e.getKey());
        if (st == null) {
          throw new IOException(file + ": no state for the model's generator '" + e.getKey()
              + "' (the checkpoint was written by a different model)");
        }
        e.getValue().setState(LongTensors.decode("rng." + e.getKey(), st, -1));
      }
      for (var cb : statefulCallbacks(trainer).entrySet()) {
        Map<String, Tensor> st = prefixed(tensors, CALLBACKS + "." + cb.getKey() + ".");
        if (st.isEmpty()) {
          throw new IOException(file + ": no state for the callback '" + cb.getKey()
              + "' (the checkpoint was written by a trainer with other callbacks)");
        }
        cb.getValue().restore(st);
      }
      int epoch = Integer.parseInt(meta.getOrDefault("epoch", "0"));
      long step = Long.parseLong(meta.getOrDefault("step", "0"));
      best = Double.parseDouble(meta.getOrDefault("best", Double.toString(best)));
      trainer.resumeAt(epoch, step);
      return epoch;
    } catch (IOException e) {
      throw new UncheckedIOException("Checkpoint: cannot resume from " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The trainer's callbacks that have state, by class name ({@code EarlyStopping}; a second one of
   * the same class is {@code EarlyStopping_2}), in the order they run.
   */
  private Map<String, Stateful> statefulCallbacks(Trainer trainer) {
    Map<String, Stateful> out = new LinkedHashMap<>();
    for (Callback cb : trainer.callbacks()) {
      if (cb instanceof Stateful s && cb != this) {
        String base = cb.getClass().getSimpleName().isEmpty() ? "Callback" : cb.getClass().getSimpleName();
        String name = base;
        for (int k = 2; out.containsKey(name); k++) {
          name = base + "_" + k;
        }
        out.put(name, s);
      }
    }
    return out;
  }

  private static Map<String, Tensor> prefixed(Map<String, Tensor> all, String prefix) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (var e : all.entrySet()) {
      if (e.getKey().startsWith(prefix)) {
        out.put(e.getKey().substring(prefix.length()), e.getValue());
      }
    }
    return out;
  }
}
