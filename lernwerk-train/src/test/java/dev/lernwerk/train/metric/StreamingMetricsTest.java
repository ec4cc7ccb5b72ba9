package dev.lernwerk.train.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Tensor;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** Streaming accumulators over uneven batches give the one-shot function's value. */
class StreamingMetricsTest {
  private static final int[] BATCHES = {7, 1, 13, 29, 2, 11}; // 63 samples
  private static final int N = 63;
  private static final int C = 5;

  private final Generator gen = new Generator(20240611);
  private final Tensor logits = Tensor.randn(gen, N, C);
  private final Tensor labels = Tensor.randint(gen, 0, C, N);
  private final Tensor pred = Tensor.randn(gen, N, 3);
  private final Tensor target = pred.mul(0.7f).add(Tensor.randn(gen, N, 3).mul(0.5f)).add(3f);

  /** Feeds (output, target) to the metric in BATCHES-sized slices along dim 0. */
  private static double stream(Metric m, Tensor out, Tensor tgt) {
    m.reset();
    int start = 0;
    for (int b : BATCHES) {
      m.update(out.narrow(0, start, b), tgt.narrow(0, start, b));
      start += b;
    }
    assertEquals(N, start);
    return m.result();
  }

  private void check(Metric m, Tensor out, Tensor tgt, BiFunction<Tensor, Tensor, Double> oneShot,
      double tol) {
    double expected = oneShot.apply(out, tgt);
    assertEquals(expected, stream(m, out, tgt), tol, m.name());
    // again after reset: same number, no leftovers
    assertEquals(expected, stream(m, out, tgt), tol, m.name() + " after reset");
    Metric fresh = m.copy();
    assertNotSame(m, fresh);
    assertInstanceOf(m.getClass(), fresh);
    assertTrue(Double.isNaN(fresh.result()), m.name() + ": empty result should be NaN");
    assertEquals(m.name(), fresh.name());
  }

  @Test
  void classificationAccumulatorsEqualOneShot() {
    check(new AccuracyMetric(), logits, labels, Metrics::accuracy, 0);
    check(new TopKAccuracyMetric(2), logits, labels, (o, t) -> Metrics.topKAccuracy(o, t, 2), 0);
    for (Average a : Average.values()) {
      check(new F1Metric(C, a), logits, labels,
          (o, t) -> Metrics.confusionMatrix(o, t, C).f1(a), 0);
    }
    var cmm = new ConfusionMatrixMetric(C);
    check(cmm, logits, labels, Metrics::accuracy, 0);
    assertEquals(Metrics.confusionMatrix(logits, labels, C), cmm.matrix());
  }

  @Test
  void f1IsNotTheMeanOfBatchF1s() {
    // the reason F1Metric accumulates counts: averaging per-batch F1 gives another number
    var m = new F1Metric(C, Average.MACRO);
    double streamed = stream(m, logits, labels);
    double meanOfBatches = 0;
    int start = 0;
    for (int b : BATCHES) {
      meanOfBatches += Metrics.confusionMatrix(logits.narrow(0, start, b), labels.narrow(0, start, b), C)
          .macroF1() * b / N;
      start += b;
    }
    assertTrue(Math.abs(streamed - meanOfBatches) > 1e-3, streamed + " vs " + meanOfBatches);
  }

  @Test
  void regressionAccumulatorsEqualOneShot() {
    check(new MSEMetric(), pred, target, Metrics::mse, 1e-12);
    check(new RMSEMetric(), pred, target, Metrics::rmse, 1e-12);
    check(new MAEMetric(), pred, target, Metrics::mae, 1e-12);
    check(new R2Metric(), pred, target, Metrics::r2, 1e-12); // 3 output columns
    Tensor p1 = pred.select(1, 0).contiguous();
    Tensor t1 = target.select(1, 0).contiguous();
    check(new R2Metric(), p1, t1, Metrics::r2, 1e-12);
    check(new PearsonMetric(), pred, target, Metrics::pearson, 1e-12);
  }

  @Test
  void streamingMomentsStayAccurateFarFromZero() {
    // targets around 1e4 with unit spread: naive sum-of-squares would lose the variance
    float[] y = new float[N];
    float[] x = new float[N];
    for (int i = 0; i < N; i++) {
      y[i] = 10000f + (float) gen.nextGaussian();
      x[i] = y[i] + 0.25f * (float) gen.nextGaussian();
    }
    // reference by a textbook two-pass computation in double
    double my = 0;
    for (float v : y) {
      my += v;
    }
    my /= N;
    double ssTot = 0;
    double sse = 0;
    for (int i = 0; i < N; i++) {
      ssTot += (y[i] - my) * (y[i] - my);
      sse += ((double) x[i] - y[i]) * ((double) x[i] - y[i]);
    }
    double r2 = 1 - sse / ssTot;
    assertEquals(r2, stream(new R2Metric(), Tensor.of(x), Tensor.of(y)), 1e-10);
    assertEquals(r2, Metrics.r2(Tensor.of(x), Tensor.of(y)), 1e-10);
  }

  @Test
  void meanMetricWeightsByBatchSize() {
    var loss = new MeanMetric("loss");
    loss.update(2.0, 10);
    loss.update(1.0, 30);
    assertEquals((2.0 * 10 + 30) / 40, loss.result(), 1e-15);
    // a scalar loss tensor counts once per sample of the target batch
    loss.reset();
    loss.update(Tensor.scalar(2f), Tensor.zeros(10));
    loss.update(Tensor.scalar(1f), Tensor.zeros(30, 4));
    assertEquals(1.25, loss.result(), 1e-15);
    assertEquals(40, loss.count());
    // per-sample values: each element once, equal to the plain mean over all samples
    Tensor perSample = Metrics.crossEntropyPerSample(logits, labels);
    check(new MeanMetric("val_loss"), perSample, labels, (o, t) -> Metrics.crossEntropy(logits, labels), 1e-6);
    assertThrows(IllegalArgumentException.class, () -> new MeanMetric(" "));
  }

  @Test
  void perplexityStreamsTheMeanNllNotTheMeanPerplexity() {
    Tensor tokLogits = Tensor.randn(gen, N, 2, 7); // (B, T, V)
    Tensor tokens = Tensor.randint(gen, 0, 7, N, 2);
    check(new PerplexityMetric(), tokLogits, tokens, Metrics::perplexity, 1e-9);
    var p = new PerplexityMetric();
    p.update(Math.log(4), 10);
    p.update(Math.log(16), 10);
    assertEquals(8, p.result(), 1e-12); // exp of the mean NLL, not (4 + 16) / 2
  }

  @Test
  void namesAreStable() {
    List<Metric> ms = List.of(new AccuracyMetric(), new TopKAccuracyMetric(5),
        new F1Metric(3, Average.WEIGHTED), new MSEMetric(), new RMSEMetric(), new MAEMetric(),
        new R2Metric(), new PearsonMetric(), new PerplexityMetric(), new MeanMetric("val_loss"));
    assertEquals(List.of("accuracy", "top5_accuracy", "f1_weighted", "mse", "rmse", "mae", "r2",
        "pearson", "perplexity", "val_loss"), ms.stream().map(Metric::name).toList());
  }

  @Test
  void r2MetricRejectsAChangeOfColumns() {
    var m = new R2Metric();
    m.update(Tensor.zeros(4, 2), Tensor.ones(4, 2));
    var e = assertThrows(IllegalArgumentException.class, () -> m.update(Tensor.zeros(4, 3), Tensor.ones(4, 3)));
    assertEquals("R2Metric: earlier batches had 2 output columns, this target has shape [4, 3]",
        e.getMessage());
  }
}
