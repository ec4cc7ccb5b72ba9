package dev.lernwerk.train;

import dev.lernwerk.autograd.Grad;
import dev.lernwerk.data.Batch;
import dev.lernwerk.nn.Module;
import dev.lernwerk.nn.loss.Loss;
import dev.lernwerk.optim.Optimizer;
import dev.lernwerk.tensor.Tensor;
import dev.lernwerk.train.callback.Callback;
import dev.lernwerk.train.metric.MeanMetric;
import dev.lernwerk.train.metric.Metric;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Trains a model with the course's loop and hands everything else to {@link Callback}s.
 *
 * <pre>{@code
 * var model = new Sequential(new Linear(784, 64), new ReLU(), new Linear(64, 10));
 * var trainer = Trainer.builder(model, new CrossEntropyLoss(), new Adam(model.parameters(), 0.003))
 *     .metrics(new AccuracyMetric())
 *     .callbacks(new ProgressBar(), new EarlyStopping("val_loss", 3))
 *     .build();
 * History h = trainer.fit(trainLoader, validLoader, 5);
 * Map<String, Double> test = trainer.evaluate(testLoader);   // {loss=…, accuracy=…}
 * }</pre>
 *
 * Each training batch runs {@code forward → loss → zeroGrad → backward → step}; validation runs in
 * eval mode without recording. Logs per epoch: {@code epoch, loss, <metrics>, val_loss,
 * val_<metrics>, lr, time_s, samples_per_s}.
 */
public final class Trainer {
  private final Module model;
  private final Loss loss;
  private final Optimizer optimizer;
  private final List<Metric> metrics;
  private final List<Callback> callbacks;
  private TrainContext resumeFrom;

  private Trainer(Builder b) {
    this.model = b.model;
    this.loss = b.loss;
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

  /** The callbacks in the order they run. */
  public List<Callback> callbacks() {
    return callbacks;
  }

  /** Continues the next {@link #fit} at {@code epoch} (0-based) with the step counter at {@code step}. */
  public void resumeAt(int epoch, long step) {
    TrainContext c = new TrainContext(this, new History());
    c.resumeAt(epoch, step);
    resumeFrom = c;
  }

  /**
   * Trains for {@code epochs} epochs (or until a callback stops it), validating after each epoch
   * when {@code valid} is not null. Returns the per-epoch history.
   */
  public History fit(Iterable<Batch> train, Iterable<Batch> valid, int epochs) {
    if (epochs < 0) {
      throw new IllegalArgumentException("fit: epochs must be >= 0, got " + epochs);
    }
    Objects.requireNonNull(train, "train");
    History history = new History();
    TrainContext c = new TrainContext(this, history);
    if (resumeFrom != null) {
      c.resumeAt(resumeFrom.epoch, resumeFrom.step);
      resumeFrom = null;
    }
    c.epochs = epochs;
    if (train instanceof dev.lernwerk.data.DataLoader<?> dl) {
      c.batchesPerEpoch = dl.numBatches();
    } else if (train instanceof java.util.Collection<?> col) {
      c.batchesPerEpoch = col.size();
    }
    MeanMetric trainLoss = new MeanMetric("loss");
    try {
      each(cb -> cb.onFitStart(c));
      for (; c.epoch < epochs && !c.stop; c.epoch++) {
        c.logs.clear();
        c.samplesSeen = 0;
        c.batchIndex = 0;
        trainLoss.reset();
        metrics.forEach(Metric::reset);
        model.train();
        long t0 = System.nanoTime();
        each(cb -> cb.onEpochStart(c));
        for (Batch batch : train) {
          trainBatch(c, batch, trainLoss);
          if (c.stop) {
            break;
          }
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
        history.add(c.logs);
      }
    } finally {
      each(cb -> cb.onFitEnd(c));
    }
    return history;
  }

  /** One step of the course's loop: forward, loss, zeroGrad, backward, step. */
  private void trainBatch(TrainContext c, Batch batch, MeanMetric trainLoss) {
    c.batch = batch;
    c.skipStep = false;
    c.skipZeroGrad = false;
    each(cb -> cb.onBatchStart(c));
    c.output = model.forward(batch.inputs());
    c.loss = loss.apply(c.output, batch.targets());
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
    boolean wasTraining = model.isTraining();
    model.eval();
    MeanMetric meanLoss = new MeanMetric("loss");
    List<Metric> ms = new ArrayList<>();
    for (Metric m : metrics) {
      Metric copy = m.copy();
      copy.reset();
      ms.add(copy);
    }
    try (var g = Grad.disabled()) {
      for (Batch b : data) {
        Tensor out = model.forward(b.inputs());
        meanLoss.update(loss.apply(out, b.targets()).item(), b.size());
        for (Metric m : ms) {
          m.update(out, b.targets());
        }
      }
    } finally {
      if (wasTraining) {
        model.train();
      }
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
    boolean wasTraining = model.isTraining();
    model.eval();
    List<Tensor> outs = new ArrayList<>();
    try (var g = Grad.disabled()) {
      for (Batch b : data) {
        outs.add(model.forward(b.inputs()));
      }
    } finally {
      if (wasTraining) {
        model.train();
      }
    }
    if (outs.isEmpty()) {
      throw new IllegalArgumentException("predict: the data set yielded no batches");
    }
    return Tensor.cat(outs, 0);
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
    private final List<Metric> metrics = new ArrayList<>();
    private final List<Callback> callbacks = new ArrayList<>();

    private Builder(Module model, Loss loss, Optimizer optimizer) {
      this.model = Objects.requireNonNull(model, "model");
      this.loss = Objects.requireNonNull(loss, "loss");
      this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
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
