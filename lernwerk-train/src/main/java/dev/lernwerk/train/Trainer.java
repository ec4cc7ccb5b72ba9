package dev.lernwerk.train;

import dev.lernwerk.autograd.Grad;
import dev.lernwerk.data.Batch;
import dev.lernwerk.data.DataLoader;
import dev.lernwerk.nn.Module;
import dev.lernwerk.nn.loss.Loss;
import dev.lernwerk.optim.Optimizer;
import dev.lernwerk.tensor.Tensor;
import dev.lernwerk.train.callback.Callback;
import dev.lernwerk.train.metric.MeanMetric;
import dev.lernwerk.train.metric.Metric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Trains a model with the course's loop and hands everything else to {@link Callback}s (TL-01…TL-06).
 *
 * <pre>{@code
 * var gen = new Generator(42);
 * var model = new Sequential(new Linear(784, 64, true, gen), new ReLU(), new Linear(64, 10, true, gen));
 * var trainLoader = DataLoader.builder(trainSet).batchSize(256).shuffle(true).seed(42).build();
 * var validLoader = DataLoader.builder(validSet).batchSize(1024).build();
 * var testLoader = DataLoader.builder(testSet).batchSize(1024).build();
 * Trainer trainer = Trainer.builder(model, new CrossEntropyLoss(), new Adam(model.parameters(), 0.003))
 *     .metrics(new AccuracyMetric())
 *     .callbacks(new ProgressBar(), new EarlyStopping("val_loss", 3))
 *     .build();
 * History h = trainer.fit(trainLoader, validLoader, 5);
 * Map<String, Double> test = trainer.evaluate(testLoader);   // {loss=…, accuracy=…}
 * Tensor logits = trainer.predict(testLoader);                // (10000, 10)
 * }</pre>
 *
 * ({@code trainSet}, {@code validSet} and {@code testSet} are {@code TensorDataset}s of (N, 784)
 * inputs and (N) int32 labels.)
 *
 * <p>Each training batch runs {@code forward → loss → zeroGrad → backward → step} in training mode;
 * after each epoch the validation data (if any) runs in eval mode without recording. The logs of
 * each epoch, in this order: {@code epoch} (1-based), {@code loss} (mean training loss, weighted by
 * batch size), each metric on the training batches, {@code val_loss} and {@code val_<metric>},
 * {@code lr} (the optimizer's base learning rate at the epoch's end), {@code time_s} (training time of
 * the epoch, without validation) and {@code samples_per_s}.
 *
 * <p>Callbacks run in ascending {@link Callback#order()}, ties in the order they were added. The
 * {@code onFitEnd} hooks all run even when training fails (the first failure is rethrown, later ones
 * are attached as suppressed). The same seed and thread count give bit-identical weights, and the
 * same weights as the hand-written loop {@code model.train(); for (Batch b : loader) { loss =
 * lossFn.apply(model.forward(b.inputs()), b.targets()); opt.zeroGrad(); loss.backward(); opt.step();
 * }}.
 */
public final class Trainer {
  private final Module model;
  private final Loss loss;
  private final Loss perSampleLoss;
  private final Optimizer optimizer;
  private final List<Metric> metrics;
  private final List<Callback> callbacks;
  private int resumeEpoch;
  private long resumeStep;

  private Trainer(Builder b) {
    this.model = b.model;
    this.loss = b.loss;
    this.perSampleLoss = b.perSampleLoss;
    this.optimizer = b.optimizer;
    this.metrics = List.copyOf(b.metrics);
    List<Callback> cbs = new ArrayList<>(b.callbacks);
    cbs.sort(Comparator.comparingInt(Callback::order)); // stable: ties keep insertion order
    this.callbacks = List.copyOf(cbs);
  }

  /** Starts a builder; model, loss and optimizer are required. */
  public static Builder builder(Module model, Loss loss, Optimizer optimizer) {
    return new Builder(model, loss, optimizer);
  }

  /** The model. */
  public Module model() {
    return model;
  }

  /** The optimizer. */
  public Optimizer optimizer() {
    return optimizer;
  }

  /** The loss function. */
  public Loss loss() {
    return loss;
  }

  /** The metrics, as given to the builder. */
  public List<Metric> metrics() {
    return metrics;
  }

  /** The callbacks in the order they run. */
  public List<Callback> callbacks() {
    return callbacks;
  }

  /**
   * Makes the next {@link #fit} continue at {@code epoch} (0-based: the number of finished epochs)
   * with the step counter at {@code step}; {@code fit(train, valid, n)} then runs epochs {@code
   * epoch..n-1}. {@link dev.lernwerk.train.callback.Checkpoint#resume(Trainer)} calls this.
   */
  public void resumeAt(int epoch, long step) {
    if (epoch < 0 || step < 0) {
      throw new IllegalArgumentException(
          "Trainer.resumeAt: expected epoch >= 0 and step >= 0, got epoch=" + epoch + ", step=" + step);
    }
    resumeEpoch = epoch;
    resumeStep = step;
  }

  /**
   * Trains for {@code epochs} epochs (or until a callback stops it), validating after each epoch
   * when {@code valid} is not null. Returns the history of the epochs this call ran (after a resume:
   * the remaining ones). When the model or the loss refuses a batch (a label out of range, shapes
   * that do not fit), the {@link IllegalArgumentException} names the epoch, batch and step before
   * the original message, which stays attached as the cause.
   */
  public History fit(Iterable<Batch> train, Iterable<Batch> valid, int epochs) {
    if (epochs < 0) {
      throw new IllegalArgumentException("Trainer.fit: epochs must be >= 0, got " + epochs);
    }
    Objects.requireNonNull(train, "Trainer.fit: train data is null");
    History history = new History();
    TrainContext c = new TrainContext(this, history);
    c.epoch = resumeEpoch;
    c.step = resumeStep;
    resumeEpoch = 0;
    resumeStep = 0;
    c.epochs = epochs;
    c.batchesPerEpoch = batchesPerEpoch(train);
    Throwable failure = null;
    try {
      each(cb -> cb.onFitStart(c));
      for (; c.epoch < epochs && !c.stop; c.epoch++) {
        runEpoch(c, train, valid);
        history.add(c.logs);
      }
    } catch (RuntimeException | Error e) {
      failure = e;
      throw e;
    } finally {
      fitEnd(c, failure);
    }
    return history;
  }

  /** One epoch: training batches, then the epoch's logs (with validation) and its end hooks. */
  private void runEpoch(TrainContext c, Iterable<Batch> train, Iterable<Batch> valid) {
    c.logs.clear();
    c.samplesSeen = 0;
    c.batchIndex = 0;
    c.epochCompleted = false;
    MeanMetric trainLoss = new MeanMetric("loss");
    metrics.forEach(Metric::reset);
    model.train();
    long t0 = System.nanoTime();
    each(cb -> cb.onEpochStart(c));
    Iterator<Batch> it = train.iterator();
    try {
      while (!c.stop && it.hasNext()) {
        trainBatch(c, it.next(), trainLoss);
      }
      c.epochCompleted = !c.stop;
    } finally {
      close(it);
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    c.logs.put("epoch", (double) (c.epoch + 1));
    c.logs.put("loss", trainLoss.result());
    for (Metric m : metrics) {
      c.logs.put(m.name(), m.result());
    }
    if (valid != null) {
      for (var e : evaluate(valid).entrySet()) {
        c.logs.put("val_" + e.getKey(), e.getValue());
      }
    }
    c.logs.put("lr", optimizer.learningRate());
    c.logs.put("time_s", secs);
    c.logs.put("samples_per_s", c.samplesSeen / Math.max(secs, 1e-9));
    each(cb -> cb.onEpochEnd(c));
  }

  /** Runs every onFitEnd hook; the first failure wins, later ones are attached as suppressed. */
  private void fitEnd(TrainContext c, Throwable failure) {
    RuntimeException first = null;
    for (Callback cb : callbacks) {
      try {
        cb.onFitEnd(c);
      } catch (RuntimeException | Error e) {
        if (failure != null) {
          failure.addSuppressed(e);
        } else if (first == null) {
          first = e instanceof RuntimeException re ? re : new IllegalStateException(e);
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private static int batchesPerEpoch(Iterable<Batch> train) {
    if (train instanceof DataLoader<?> dl) {
      return dl.numBatches();
    }
    return train instanceof Collection<?> col ? col.size() : -1;
  }

  /** Stops a data loader's epoch left early (its background thread) or after a failure. */
  private static void close(Iterator<Batch> it) {
    if (it instanceof AutoCloseable ac) {
      try {
        ac.close();
      } catch (Exception e) {
        throw new IllegalStateException("Trainer: closing the batch iterator failed: " + e, e);
      }
    }
  }

  /** One step of the course's loop: forward, loss, zeroGrad, backward, step. */
  private void trainBatch(TrainContext c, Batch batch, MeanMetric trainLoss) {
    c.batch = batch;
    c.skipStep = false;
    c.skipZeroGrad = false;
    each(cb -> cb.onBatchStart(c));
    try {
      c.output = model.forward(batch.inputs());
      c.loss = batchLoss(c.output, batch);
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "Trainer.fit: epoch %d, batch %d (step %d): %s",
          c.epoch + 1, c.batchIndex + 1, c.step + 1, e.getMessage()), e);
    }
    c.lossValue = c.loss.item();
    each(cb -> cb.onAfterLoss(c));
    if (!c.skipZeroGrad) {
      optimizer.zeroGrad();
    }
    c.loss.backward();
    each(cb -> cb.onAfterBackward(c));
    if (!c.skipStep) {
      optimizer.step();
    }
    each(cb -> cb.onAfterStep(c));
    trainLoss.update(c.lossValue, batch.size());
    try (var g = Grad.disabled()) {
      Tensor out = c.output.detach();
      for (Metric m : metrics) {
        m.update(out, batch.targets());
      }
    }
    c.samplesSeen += batch.size();
    c.step++;
    each(cb -> cb.onBatchEnd(c));
    c.batchIndex++;
  }

  /**
   * Loss and metrics over a data set, in eval mode without recording; the model's train/eval mode is
   * restored afterwards. Keys: {@code loss} and each metric's name.
   */
  public Map<String, Double> evaluate(Iterable<Batch> data) {
    Runnable restoreModes = modes(model);
    model.eval();
    MeanMetric meanLoss = new MeanMetric("loss");
    List<Metric> ms = new ArrayList<>();
    for (Metric m : metrics) {
      Metric copy = m.copy();
      copy.reset();
      ms.add(copy);
    }
    Iterator<Batch> it = data.iterator();
    try (var g = Grad.disabled()) {
      for (int i = 0; it.hasNext(); i++) {
        Batch b = it.next();
        Tensor out;
        double l;
        try {
          out = model.forward(b.inputs());
          l = batchLoss(out, b).item();
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
          throw new IllegalArgumentException(
              "Trainer.evaluate: batch " + (i + 1) + ": " + e.getMessage(), e);
        }
        meanLoss.update(l, b.size());
        for (Metric m : ms) {
          m.update(out, b.targets());
        }
      }
    } finally {
      close(it);
      restoreModes.run();
    }
    Map<String, Double> r = new LinkedHashMap<>();
    r.put("loss", meanLoss.result());
    for (Metric m : ms) {
      r.put(m.name(), m.result());
    }
    return r;
  }

  /** Model outputs for every batch, concatenated along dim 0 (eval mode, no recording). */
  public Tensor predict(Iterable<Batch> data) {
    Runnable restoreModes = modes(model);
    model.eval();
    List<Tensor> outs = new ArrayList<>();
    Iterator<Batch> it = data.iterator();
    try (var g = Grad.disabled()) {
      while (it.hasNext()) {
        outs.add(model.forward(it.next().inputs()));
      }
    } finally {
      close(it);
      restoreModes.run();
    }
    if (outs.isEmpty()) {
      throw new IllegalArgumentException("Trainer.predict: the data yielded no batches");
    }
    return Tensor.cat(outs, 0);
  }

  /**
   * The batch's loss: the configured loss, or — when the batch carries per-sample weights — the
   * weighted mean {@code Σ wᵢ·lᵢ / Σ wᵢ} of the per-sample loss (DA-32).
   */
  private Tensor batchLoss(Tensor out, Batch b) {
    if (b.weights() == null) {
      return scalarLoss(loss.apply(out, b.targets()));
    }
    if (perSampleLoss == null) {
      throw new IllegalArgumentException("the batch carries per-sample weights; give the trainer a"
          + " per-sample loss to use them, e.g. Trainer.builder(…).perSampleLoss(new"
          + " CrossEntropyLoss(Reduction.NONE)), or drop the weights from the data set");
    }
    Tensor per = perSampleLoss.apply(out, b.targets());
    if (per.numel() != b.size()) {
      throw new IllegalArgumentException("the per-sample loss must give one value per sample: got shape "
          + Arrays.toString(per.shape()) + " for a batch of " + b.size() + " (use Reduction.NONE)");
    }
    Tensor w = b.weights().reshape(per.shape());
    return per.mul(w).sum().div(w.sum());
  }

  private static Tensor scalarLoss(Tensor l) {
    if (l.numel() != 1) {
      throw new IllegalArgumentException("the loss must be a scalar, got shape "
          + Arrays.toString(l.shape()) + " (use the MEAN or SUM reduction)");
    }
    return l;
  }

  /** Remembers the train/eval mode of every submodule; the returned action restores them. */
  private static Runnable modes(Module model) {
    List<Module> mods = new ArrayList<>(model.namedModules().values());
    boolean[] training = new boolean[mods.size()];
    for (int i = 0; i < training.length; i++) {
      training[i] = mods.get(i).isTraining();
    }
    // depth-first pre-order: each module's own call comes after its ancestors' recursive calls
    return () -> {
      for (int i = 0; i < training.length; i++) {
        mods.get(i).train(training[i]);
      }
    };
  }

  private void each(java.util.function.Consumer<Callback> f) {
    for (Callback cb : callbacks) {
      f.accept(cb);
    }
  }

  /** Settings of a {@link Trainer}. */
  public static final class Builder {
    private final Module model;
    private final Loss loss;
    private final Optimizer optimizer;
    private Loss perSampleLoss;
    private final List<Metric> metrics = new ArrayList<>();
    private final List<Callback> callbacks = new ArrayList<>();

    private Builder(Module model, Loss loss, Optimizer optimizer) {
      this.model = Objects.requireNonNull(model, "model");
      this.loss = Objects.requireNonNull(loss, "loss");
      this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
    }

    /**
     * The loss used for batches that carry per-sample weights: it must return one value per sample
     * (e.g. {@code new CrossEntropyLoss(Reduction.NONE)}); the batch loss is then {@code Σ wᵢ·lᵢ / Σ
     * wᵢ}. Batches without weights keep using the main loss.
     */
    public Builder perSampleLoss(Loss perSample) {
      this.perSampleLoss = Objects.requireNonNull(perSample, "perSample");
      return this;
    }

    /** Metrics computed on training batches and on validation ({@code val_} prefix). */
    public Builder metrics(Metric... ms) {
      metrics.addAll(List.of(ms));
      return this;
    }

    /** Adds callbacks (run in order of {@link Callback#order()}, then insertion). */
    public Builder callbacks(Callback... cbs) {
      callbacks.addAll(List.of(cbs));
      return this;
    }

    /** Adds callbacks from a list. */
    public Builder callbacks(List<? extends Callback> cbs) {
      callbacks.addAll(cbs);
      return this;
    }

    /** The trainer. */
    public Trainer build() {
      return new Trainer(this);
    }
  }
}
