package dev.lernwerk.train.metric;

import dev.lernwerk.tensor.Tensor;

/**
 * Streaming perplexity {@code exp(mean NLL per token)}: the mean of the per-token cross-entropy
 * over the epoch, exponentiated at the end (not a mean of per-batch perplexities).
 */
public final class PerplexityMetric implements Metric {
  /** An empty perplexity accumulator. */
  public PerplexityMetric() {}

  private double sum;
  private long count;

  @Override
  public void reset() {
    sum = 0;
    count = 0;
  }

  /**
   * Adds a batch of logits {@code (..., V)} and target tokens {@code (...)}; every token counts
   * once.
   */
  @Override
  public void update(Tensor output, Tensor target) {
    for (double v : Metrics.nll("PerplexityMetric", output, target)) {
      sum += v;
      count++;
    }
  }

  /** Adds a batch whose mean NLL per token is {@code meanNll} over {@code tokens} tokens. */
  public void update(double meanNll, int tokens) {
    if (tokens < 0) {
      throw new IllegalArgumentException("PerplexityMetric.update: expected tokens >= 0, got " + tokens);
    }
    sum += meanNll * tokens;
    count += tokens;
  }

  /** Mean NLL per token so far (nats). */
  public double meanNll() {
    return count == 0 ? Double.NaN : sum / count;
  }

  @Override
  public double result() {
    return Math.exp(meanNll());
  }

  @Override
  public String name() {
    return "perplexity";
  }

  @Override
  public Metric copy() {
    return new PerplexityMetric();
  }
}
