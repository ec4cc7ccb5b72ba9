package dev.lernwerk.bench;

import dev.lernwerk.kernel.Parallel;
import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Per-op time of many tiny ops (8×8 operands, a 1×10 row), the same workloads and the same timing
 * loop as {@code scripts/tiny_ops_torch.py}; {@code scripts/tiny-ops.sh} runs both and prints the
 * ratio per op.
 *
 * <p>Every op runs from one table of suppliers, as a program that calls many different ops does, so
 * the JIT sees shared call sites used by many ops (no per-op specialisation as in a one-op JMH
 * benchmark). Per op: 20,000 warm-up calls, then 15 batches of 20,000 calls; the median batch's
 * nanoseconds per call is printed as {@code lernwerk <op> <ns>}. The whole table is swept twice and
 * the second sweep is printed, so every op is measured after all have been compiled.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp benchmarks.jar
 * dev.lernwerk.bench.TinyOpSweep}
 */
public final class TinyOpSweep {
  private static final int CALLS = 20_000;
  private static final int BATCHES = 15;

  private TinyOpSweep() {}

  /** The ops, by name; the PyTorch twin uses the same names and shapes. */
  static Map<String, Supplier<Tensor>> ops() {
    var gen = new Generator(7);
    Tensor p = Tensor.randn(gen, 8, 8);
    Tensor q = Tensor.randn(gen, 8, 8);
    Tensor row = Tensor.randn(gen, 1, 10);
    Tensor bias = Tensor.randn(gen, 8);
    Tensor pg = Tensor.randn(gen, 8, 8).requiresGrad(true);
    Tensor idx = Tensor.randint(gen, 0, 8, 8);
    Map<String, Supplier<Tensor>> ops = new LinkedHashMap<>();
    ops.put("add", () -> p.add(q));
    ops.put("addBias", () -> p.add(bias));
    ops.put("mulScalar", () -> p.mul(2f));
    ops.put("div", () -> p.div(q));
    ops.put("pow2", () -> p.pow(2f));
    ops.put("clamp", () -> p.clamp(-1f, 1f));
    ops.put("exp", p::exp);
    ops.put("log", () -> q.abs().log());
    ops.put("relu", p::relu);
    ops.put("sigmoid", p::sigmoid);
    ops.put("tanh", p::tanh);
    ops.put("gt", () -> p.gt(q));
    ops.put("where", () -> Tensor.where(p.gt(q), p, q));
    ops.put("sumAll", p::sum);
    ops.put("sumDim", () -> p.sum(1, false));
    ops.put("mean", p::mean);
    ops.put("varDim", () -> p.var(new int[] {1}, true, false));
    ops.put("maxDim", () -> p.max(1, false).values());
    ops.put("argmaxDim", () -> p.argmax(1, false));
    ops.put("norm", () -> p.norm(2f));
    ops.put("softmax", () -> row.softmax(1));
    ops.put("logSoftmax", () -> row.logSoftmax(1));
    ops.put("logsumexp", () -> p.logsumexp(1, false));
    ops.put("matmul", () -> p.matmul(q));
    ops.put("reshape", () -> p.reshape(4, 16));
    ops.put("transposeContiguous", () -> p.t().contiguous());
    ops.put("cat", () -> Tensor.cat(List.of(p, q), 0));
    ops.put("indexSelect", () -> p.indexSelect(0, idx));
    ops.put("mulRecorded", () -> pg.mul(q));
    ops.put("sumRecorded", pg::sum);
    ops.put("mulSumBackward", () -> {
      Tensor loss = pg.mul(q).sum();
      loss.backward();
      return loss;
    });
    return ops;
  }

  /** Median nanoseconds per call of {@code op} over {@link #BATCHES} batches. */
  static double measure(Supplier<Tensor> op) {
    Tensor sink = null;
    for (int i = 0; i < CALLS; i++) {
      sink = op.get();
    }
    double[] batches = new double[BATCHES];
    for (int b = 0; b < BATCHES; b++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < CALLS; i++) {
        sink = op.get();
      }
      batches[b] = (System.nanoTime() - t0) / (double) CALLS;
    }
    if (sink == null) {
      throw new IllegalStateException("an op returned null");
    }
    Arrays.sort(batches);
    return batches[BATCHES / 2];
  }

  public static void main(String[] args) {
    Parallel.setThreads(1);
    Map<String, Supplier<Tensor>> ops = ops();
    List<String> lines = new ArrayList<>();
    for (int sweep = 0; sweep < 2; sweep++) {
      lines.clear();
      for (var e : ops.entrySet()) {
        lines.add(String.format(Locale.ROOT, "lernwerk %s %.1f", e.getKey(), measure(e.getValue())));
      }
    }
    lines.forEach(System.out::println);
  }
}
