package dev.lernwerk.bench;

import dev.lernwerk.io.SafeTensors;
import dev.lernwerk.nn.functional.F;
import dev.lernwerk.nn.loss.Reduction;
import dev.lernwerk.optim.Adadelta;
import dev.lernwerk.optim.Adagrad;
import dev.lernwerk.optim.Adam;
import dev.lernwerk.optim.AdamW;
import dev.lernwerk.optim.Optimizer;
import dev.lernwerk.optim.RMSprop;
import dev.lernwerk.optim.SGD;
import dev.lernwerk.optim.schedule.Schedule;
import dev.lernwerk.optim.schedule.Schedules;
import dev.lernwerk.tensor.DType;
import dev.lernwerk.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks lernwerk's tensor ops against PyTorch's results: forward values, shapes, dtypes (float or
 * integer) and gradients. {@code scripts/parity_torch.py} writes the cases (inputs, PyTorch's outputs
 * and the gradients of {@code sum(out0 * w)}) to a safetensors file, whose metadata gives each case's
 * op as {@code op|p1|p2…}; this program runs the same ops and prints every mismatch and a summary.
 * Op names starting with {@code F.} are {@code nn.functional} calls, {@code O.} optimizer runs (6
 * steps from the same start; the final parameters are compared) and {@code S.} learning-rate
 * schedules (the values of 30 steps); the others are tensor ops.
 *
 * <p>Floats match when both are NaN, both are the same infinity, or {@code |a - b| <= 1e-5 + 1e-5 *
 * |b|} (relative to the largest |b| of the output for reductions and products, whose order of
 * additions differs; the sign of a zero is not compared). Integer outputs match exactly. Exits with
 * status 1 on any mismatch.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp benchmarks.jar
 * dev.lernwerk.bench.TorchParity cases.safetensors} (or {@code scripts/parity-vs-torch.sh}).
 */
public final class TorchParity {
  private TorchParity() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: TorchParity CASES.safetensors");
      System.exit(2);
    }
    SafeTensors.Contents contents = SafeTensors.read(Path.of(args[0]));
    List<String> failures = check(contents);
    failures.forEach(System.out::println);
    System.out.printf(Locale.ROOT, "%d cases, %d mismatches%n", contents.metadata().size(),
        failures.size());
    if (!failures.isEmpty()) {
      System.exit(1);
    }
  }

  /**
   * Runs every case of {@code contents} (metadata: case name → {@code op|p1|…}; tensors {@code
   * <case>.in<i>}, {@code <case>.out<i>}, optionally {@code <case>.w} and {@code <case>.grad<i>})
   * and returns one line per mismatch (empty when all match).
   */
  public static List<String> check(SafeTensors.Contents contents) {
    Map<String, Tensor> t = contents.tensors();
    List<String> failures = new ArrayList<>();
    for (var e : contents.metadata().entrySet()) {
      String name = e.getKey();
      String[] spec = e.getValue().split("\\|");
      List<Tensor> inputs = new ArrayList<>();
      for (int i = 0; t.containsKey(name + ".in" + i); i++) {
        Tensor in = t.get(name + ".in" + i);
        inputs.add(t.containsKey(name + ".grad" + i) ? in.clone().requiresGrad(true) : in);
      }
      try {
        Tensor[] outs = run(spec, inputs);
        for (int i = 0; i < outs.length || t.containsKey(name + ".out" + i); i++) {
          Tensor want = t.get(name + ".out" + i);
          if (want == null || i >= outs.length) {
            failures.add(name + ": " + outs.length + " outputs, PyTorch has "
                + (want == null ? i : i + 1) + " or more");
            break;
          }
          compare(name + " out" + i, want, outs[i], isReduction(spec[0]), failures);
        }
        Tensor w = t.get(name + ".w");
        if (w != null) {
          outs[0].mul(w).sum().backward();
          for (int i = 0; i < inputs.size(); i++) {
            Tensor want = t.get(name + ".grad" + i);
            if (want != null) {
              Tensor in = inputs.get(i);
              Tensor g = in.grad() == null ? Tensor.zerosLike(in) : in.grad();
              compare(name + " grad" + i, want, g, true, failures);
            }
          }
        }
      } catch (RuntimeException ex) {
        failures.add(name + ": " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
      }
    }
    return failures;
  }

  private static boolean isReduction(String op) {
    return switch (op) {
      case "sum", "mean", "var", "std", "sumAll", "meanAll", "norm", "matmul", "logsumexp",
          "softmax", "logSoftmax", "scatterAdd", "matmulT", "softmaxT", "logSoftmaxT", "sumT",
          "stdAll", "normDims" -> true;
      default -> op.startsWith("F.") || op.startsWith("O.");
    };
  }

  private static int[] ints(String s) {
    return Arrays.stream(s.split(",")).mapToInt(Integer::parseInt).toArray();
  }

  private static float f(String s) {
    return s.equals("inf") ? Float.POSITIVE_INFINITY : Float.parseFloat(s);
  }

  private static boolean b(String s) {
    return Boolean.parseBoolean(s.toLowerCase(Locale.ROOT));
  }

  private static Reduction reduction(String s) {
    return Reduction.valueOf(s.toUpperCase(Locale.ROOT));
  }

  /** Runs one case's {@code F.} (nn.functional) op on its inputs, or returns null for another op. */
  static Tensor runFunctional(String[] s, List<Tensor> in) {
    Tensor x = in.get(0);
    Tensor y = in.size() > 1 ? in.get(1) : null;
    Tensor z = in.size() > 2 ? in.get(2) : null;
    return switch (s[0]) {
      case "F.linear" -> F.linear(x, y, z);
      case "F.gelu" -> F.gelu(x);
      case "F.geluTanh" -> F.gelu(x, true);
      case "F.silu" -> F.silu(x);
      case "F.mish" -> F.mish(x);
      case "F.elu" -> F.elu(x, 1.0);
      case "F.selu" -> F.selu(x);
      case "F.relu6" -> F.relu6(x);
      case "F.hardtanh" -> F.hardtanh(x, -1.0, 1.0);
      case "F.softplus2" -> F.softplus(x, 2.0, 10.0);
      case "F.sigmoid" -> F.sigmoid(x);
      case "F.layerNorm" -> F.layerNorm(x, ints(s[1]), y, z, 1e-5);
      case "F.batchNorm" -> F.batchNorm(x, null, null, y, z, true, 0.1, 1e-5);
      case "F.embedding" -> F.embedding(x, y, Integer.parseInt(s[1]));
      case "F.crossEntropy" -> F.crossEntropy(x, y, null, Integer.parseInt(s[2]), reduction(s[1]),
          Double.parseDouble(s[3]));
      case "F.crossEntropyW" -> F.crossEntropy(x, y, z, Integer.parseInt(s[2]), reduction(s[1]),
          Double.parseDouble(s[3]));
      case "F.nll" -> F.nllLoss(x, y, null, F.IGNORE_INDEX, reduction(s[1]));
      case "F.mse" -> F.mseLoss(x, y, reduction(s[1]));
      case "F.l1" -> F.l1Loss(x, y, reduction(s[1]));
      case "F.bce" -> F.binaryCrossEntropy(x, y, null, reduction(s[1]));
      case "F.bceLogits" -> F.binaryCrossEntropyWithLogits(x, y, null, null, reduction(s[1]));
      case "F.smoothL1" -> F.smoothL1Loss(x, y, Double.parseDouble(s[2]), reduction(s[1]));
      case "F.huber" -> F.huberLoss(x, y, Double.parseDouble(s[2]), reduction(s[1]));
      case "F.klDiv" -> F.klDiv(x, y, reduction(s[1]), b(s[2]));
      case "F.cosineEmbedding" -> F.cosineEmbeddingLoss(x, y, z, Double.parseDouble(s[1]),
          reduction(s[2]));
      case "F.marginRanking" -> F.marginRankingLoss(x, y, z, Double.parseDouble(s[1]),
          reduction(s[2]));
      case "F.tripletMargin" -> F.tripletMarginLoss(x, y, z, Double.parseDouble(s[1]),
          Double.parseDouble(s[2]), 1e-6, false, reduction(s[3]));
      default -> null;
    };
  }

  private static double d(String s) {
    return Double.parseDouble(s);
  }

  /**
   * Runs one optimizer case ({@code O.}): 6 steps on {@code sum(q * p^2 + sin(3p))} from p = in0
   * with q = in1; returns the final parameters.
   */
  static Tensor runOptimizer(String[] s, List<Tensor> in) {
    Tensor p = in.get(0).clone().requiresGrad(true);
    Tensor q = in.get(1);
    List<Tensor> ps = List.of(p);
    Optimizer opt = switch (s[0]) {
      case "O.sgd" -> new SGD(ps, new SGD.Settings(d(s[1]), d(s[2]), d(s[3]), b(s[4]), d(s[5])));
      case "O.adam" -> new Adam(ps,
          new Adam.Settings(d(s[1]), d(s[2]), d(s[3]), d(s[4]), d(s[5]), b(s[6])));
      case "O.adamW" -> new AdamW(ps,
          new AdamW.Settings(d(s[1]), d(s[2]), d(s[3]), d(s[4]), d(s[5]), b(s[6])));
      case "O.rmsprop" -> new RMSprop(ps,
          new RMSprop.Settings(d(s[1]), d(s[2]), d(s[3]), d(s[4]), d(s[5]), b(s[6])));
      case "O.adagrad" -> new Adagrad(ps,
          new Adagrad.Settings(d(s[1]), d(s[2]), d(s[3]), d(s[4]), d(s[5])));
      case "O.adadelta" -> new Adadelta(ps,
          new Adadelta.Settings(d(s[1]), d(s[2]), d(s[3]), d(s[4])));
      default -> throw new IllegalArgumentException("unknown op '" + s[0] + "'");
    };
    for (int i = 0; i < 6; i++) {
      opt.zeroGrad();
      q.mul(p).mul(p).add(p.mul(3f).sin()).sum().backward();
      opt.step();
    }
    return p.detach();
  }

  /** Runs one schedule case ({@code S.}): the values at steps 0..29. */
  static Tensor runSchedule(String[] s) {
    Schedule sched = switch (s[0]) {
      case "S.stepDecay" -> Schedules.stepDecay(d(s[1]), Long.parseLong(s[2]), d(s[3]));
      case "S.multiStep" -> Schedules.multiStep(d(s[1]),
          Arrays.stream(s[2].split(",")).mapToLong(Long::parseLong).toArray(), d(s[3]));
      case "S.exponential" -> Schedules.exponential(d(s[1]), d(s[2]));
      case "S.cosine" -> Schedules.cosine(d(s[1]), d(s[2]), Long.parseLong(s[3]));
      case "S.cosineWarmRestarts" -> Schedules.cosineWarmRestarts(d(s[1]), d(s[2]),
          Long.parseLong(s[3]), Integer.parseInt(s[4]));
      case "S.cyclic" -> Schedules.cyclic(d(s[1]), d(s[2]), Long.parseLong(s[3]),
          Long.parseLong(s[4]), Schedules.CyclicMode.valueOf(s[5].toUpperCase(Locale.ROOT)),
          d(s[6]));
      case "S.oneCycle" -> Schedules.oneCycle(d(s[1]), Long.parseLong(s[2]), d(s[3]), d(s[4]),
          d(s[5]));
      case "S.oneCycleMomentum" -> Schedules.oneCycleMomentum(d(s[1]), d(s[2]),
          Long.parseLong(s[3]), d(s[4]));
      case "S.linearWarmup" -> Schedules.linearWarmup(d(s[1]), d(s[2]), Long.parseLong(s[3]));
      default -> throw new IllegalArgumentException("unknown op '" + s[0] + "'");
    };
    float[] v = new float[30];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) sched.at(i);
    }
    return Tensor.of(v, v.length);
  }

  /** Runs one case's op on its inputs. */
  static Tensor[] run(String[] s, List<Tensor> in) {
    if (s[0].startsWith("S.")) {
      return new Tensor[] {runSchedule(s)};
    }
    if (s[0].startsWith("O.")) {
      return new Tensor[] {runOptimizer(s, in)};
    }
    if (s[0].startsWith("F.")) {
      Tensor out = runFunctional(s, in);
      if (out == null) {
        throw new IllegalArgumentException("unknown op '" + s[0] + "'");
      }
      return new Tensor[] {out};
    }
    Tensor x = in.get(0);
    Tensor y = in.size() > 1 ? in.get(1) : null;
    Tensor one = switch (s[0]) {
      case "exp" -> x.exp();
      case "log" -> x.log();
      case "log1p" -> x.log1p();
      case "expm1" -> x.expm1();
      case "sqrt" -> x.sqrt();
      case "rsqrt" -> x.rsqrt();
      case "abs" -> x.abs();
      case "sign" -> x.sign();
      case "neg" -> x.neg();
      case "relu" -> x.relu();
      case "sigmoid" -> x.sigmoid();
      case "tanh" -> x.tanh();
      case "softplus" -> x.softplus();
      case "erf" -> x.erf();
      case "floor" -> x.floor();
      case "ceil" -> x.ceil();
      case "round" -> x.round();
      case "sin" -> x.sin();
      case "cos" -> x.cos();
      case "reciprocal" -> x.reciprocal();
      case "square" -> x.square();
      case "powScalar" -> x.pow(f(s[1]));
      case "clamp" -> x.clamp(f(s[1]), f(s[2]));
      case "leakyRelu" -> x.leakyRelu(f(s[1]));
      case "add" -> x.add(y);
      case "sub" -> x.sub(y);
      case "mul" -> x.mul(y);
      case "div" -> x.div(y);
      case "maximum" -> x.maximum(y);
      case "minimum" -> x.minimum(y);
      case "pow" -> x.pow(y);
      case "eq" -> x.eq(y);
      case "ne" -> x.ne(y);
      case "lt" -> x.lt(y);
      case "le" -> x.le(y);
      case "gt" -> x.gt(y);
      case "ge" -> x.ge(y);
      case "sum" -> x.sum(ints(s[1]), b(s[2]));
      case "mean" -> x.mean(ints(s[1]), b(s[2]));
      case "var" -> x.var(ints(s[1]), b(s[3]), b(s[2]));
      case "std" -> x.std(ints(s[1]), b(s[3]), b(s[2]));
      case "sumAll" -> x.sum();
      case "meanAll" -> x.mean();
      case "argmax" -> x.argmax(Integer.parseInt(s[1]), b(s[2]));
      case "argmin" -> x.argmin(Integer.parseInt(s[1]), b(s[2]));
      case "logsumexp" -> x.logsumexp(Integer.parseInt(s[1]), b(s[2]));
      case "softmax" -> x.softmax(Integer.parseInt(s[1]));
      case "logSoftmax" -> x.logSoftmax(Integer.parseInt(s[1]));
      case "norm" -> x.norm(f(s[1]));
      case "amax" -> x.amax(ints(s[1]), b(s[2]));
      case "matmul" -> x.matmul(y);
      case "cat" -> Tensor.cat(List.of(x, y), Integer.parseInt(s[1]));
      case "stack" -> Tensor.stack(List.of(x, y), Integer.parseInt(s[1]));
      case "gather" -> x.gather(Integer.parseInt(s[1]), y);
      case "indexSelect" -> x.indexSelect(Integer.parseInt(s[1]), y);
      case "scatterAdd" -> x.scatterAdd(Integer.parseInt(s[1]), y, in.get(2));
      case "where" -> Tensor.where(x.ne(Tensor.scalar(0f)), y, in.get(2));
      case "maskedFill" -> x.maskedFill(y.ne(Tensor.scalar(0f)), f(s[1]));
      case "permute" -> x.permute(ints(s[1])).contiguous();
      case "narrow" -> x.narrow(Integer.parseInt(s[1]), Integer.parseInt(s[2]),
          Integer.parseInt(s[3])).contiguous();
      case "expand" -> x.expand(ints(s[1])).contiguous();
      case "oneHot" -> x.oneHot(Integer.parseInt(s[1]));
      case "bincount" -> x.bincount(0);
      case "matmulT" -> (b(s[1]) ? x.transpose(-1, -2) : x).matmul(b(s[2]) ? y.transpose(-1, -2) : y);
      case "addT" -> x.t().add(y);
      case "mulSliced" -> x.slice(0, 1, 5, 1).slice(1, 0, 8, 2).mul(y);
      case "softmaxT" -> x.t().softmax(Integer.parseInt(s[1]));
      case "logSoftmaxT" -> x.t().logSoftmax(Integer.parseInt(s[1]));
      case "sumT" -> x.transpose(0, 2).sum(new int[] {Integer.parseInt(s[1])}, b(s[2]));
      case "expT" -> x.t().exp();
      case "arange" -> Tensor.arange(Double.parseDouble(s[1]), Double.parseDouble(s[2]),
          Double.parseDouble(s[3]));
      case "linspace" -> Tensor.linspace(Double.parseDouble(s[1]), Double.parseDouble(s[2]),
          Integer.parseInt(s[3]));
      case "eye" -> Tensor.eye(Integer.parseInt(s[1]), Integer.parseInt(s[2]));
      case "stdAll" -> x.std();
      case "normDims" -> x.norm(f(s[1]), new int[] {Integer.parseInt(s[2])}, b(s[3]));
      case "rsub" -> x.rsub(f(s[1]));
      case "clampMin" -> x.clampMin(f(s[1]));
      case "squeezeUnsqueeze" -> x.squeeze(1).unsqueeze(0).contiguous();
      case "flatten" -> x.flatten(Integer.parseInt(s[1]), Integer.parseInt(s[2])).contiguous();
      case "select" -> x.select(Integer.parseInt(s[1]), Integer.parseInt(s[2])).contiguous();
      case "slice" -> x.slice(Integer.parseInt(s[1]), Integer.parseInt(s[2]), Integer.parseInt(s[3]),
          Integer.parseInt(s[4])).contiguous();
      default -> null;
    };
    if (one != null) {
      return new Tensor[] {one};
    }
    return switch (s[0]) {
      case "split" -> x.split(Integer.parseInt(s[1]), Integer.parseInt(s[2])).toArray(Tensor[]::new);
      case "chunk" -> x.chunk(Integer.parseInt(s[1]), Integer.parseInt(s[2])).toArray(Tensor[]::new);
      case "unique" -> {
        var u = x.unique();
        yield new Tensor[] {u.values(), u.counts()};
      }
      case "max", "min" -> {
        var vi = s[0].equals("max") ? x.max(Integer.parseInt(s[1]), b(s[2]))
            : x.min(Integer.parseInt(s[1]), b(s[2]));
        yield new Tensor[] {vi.values(), vi.indices()};
      }
      default -> throw new IllegalArgumentException("unknown op '" + s[0] + "'");
    };
  }

  /** Adds a line to {@code failures} unless {@code got} matches {@code want}. */
  static void compare(String what, Tensor want, Tensor got, boolean scaled, List<String> failures) {
    if (!Arrays.equals(want.shape(), got.shape())) {
      failures.add(what + ": shape " + Arrays.toString(got.shape()) + ", PyTorch "
          + Arrays.toString(want.shape()));
      return;
    }
    if (want.dtype() != DType.FLOAT32) {
      if (got.dtype() == DType.FLOAT32) {
        failures.add(what + ": float32 result, PyTorch gives integers");
        return;
      }
      int[] w = want.toIntArray();
      int[] g = got.toIntArray();
      for (int i = 0; i < w.length; i++) {
        if (w[i] != g[i]) {
          failures.add(what + ": at flat index " + i + " got " + g[i] + ", PyTorch " + w[i]);
          return;
        }
      }
      return;
    }
    float[] w = want.toFloatArray();
    float[] g = got.toFloat().toFloatArray();
    float scale = 0f;
    for (float v : w) {
      if (Float.isFinite(v)) {
        scale = Math.max(scale, Math.abs(v));
      }
    }
    for (int i = 0; i < w.length; i++) {
      float a = g[i];
      float b = w[i];
      boolean ok = Float.isNaN(b) ? Float.isNaN(a)
          : Float.isInfinite(b) ? a == b
          : Math.abs(a - b) <= 1e-5f + 1e-5f * (scaled ? Math.max(scale, Math.abs(b)) : Math.abs(b));
      if (!ok) {
        failures.add(String.format(Locale.ROOT, "%s: at flat index %d got %s, PyTorch %s", what, i,
            Float.toString(a), Float.toString(b)));
        return;
      }
    }
  }
}
