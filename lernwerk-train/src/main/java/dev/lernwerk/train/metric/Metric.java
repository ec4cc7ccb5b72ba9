package dev.lernwerk.train.metric;

import dev.lernwerk.tensor.Tensor;

/**
 * A streaming metric: {@link #reset()} at the start of an epoch, {@link #update} once per batch,
 * {@link #result()} at the end. Updates are weighted by batch size, so the result over uneven
 * batches equals the one-shot function in {@link Metrics} over all the data.
 *
 * <pre>{@code
 * Metric acc = new AccuracyMetric();
 * acc.reset();
 * for (var batch : loader) acc.update(model.forward(batch.x()), batch.y());
 * double epochAccuracy = acc.result();
 * }</pre>
 *
 * Implementations are not thread-safe; use {@link #copy()} to give each run its own instance.
 */
public interface Metric {

  /** Clears the accumulated state. */
  void reset();

  /** Adds one batch of model outputs and targets (shapes as for the matching {@link Metrics} function). */
  void update(Tensor output, Tensor target);

  /** The metric over everything added since the last reset; NaN when nothing was added. */
  double result();

  /** The name used in logs and history, e.g. {@code accuracy} or {@code f1_macro}. */
  String name();

  /** A fresh instance with the same settings and an empty state. */
  Metric copy();
}
