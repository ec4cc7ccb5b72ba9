package dev.lernwerk.autograd;

import dev.lernwerk.tensor.DType;
import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Shape;
import dev.lernwerk.tensor.Tensor;
import java.util.Locale;
import java.util.function.Function;

/**
 * Numerical gradient check by central differences, for built-in ops and your own {@link Node}s.
 *
 * <p>The function's output {@code y} is reduced to the scalar {@code L = Σ y·r} with a fixed random
 * {@code r}; the analytical gradient of every input comes from {@code backward()}, the numerical one
 * from {@code (L(x + ε) - L(x - ε)) / 2ε} per element (accumulated in double). An element passes when
 * {@code |analytical - numerical| <= atol + rtol·|numerical|}.
 *
 * <pre>{@code
 * var r = GradCheck.check(in -> in[0].mul(in[1]).sum(1, false), x, y);
 * if (!r.ok()) throw new AssertionError(r.report());
 * }</pre>
 *
 * Inputs may be non-contiguous views (their storage is perturbed in place and restored).
 */
public final class GradCheck {
  private GradCheck() {}

  /** Step and tolerances; {@link #DEFAULT} suits float32 ops on values of order 1. */
  public record Options(double eps, double atol, double rtol) {
    /** eps 1e-2 (float32 needs a large step), atol 1e-2, rtol 1e-2. */
    public static final Options DEFAULT = new Options(1e-2, 1e-2, 1e-2);

    /** Validates the settings. */
    public Options {
      if (!(eps > 0) || !(atol >= 0) || !(rtol >= 0)) {
        throw new IllegalArgumentException(
            "GradCheck.Options: expected eps > 0, atol >= 0, rtol >= 0, got eps=" + eps + ", atol="
                + atol + ", rtol=" + rtol);
      }
    }
  }

  /** Outcome: whether all elements passed, the worst errors and where they occurred. */
  public record Result(boolean ok, double maxAbsError, double maxRelError, String worst) {
    /** A one-line description for assertion messages. */
    public String report() {
      return String.format(Locale.ROOT, "gradcheck %s: max abs error %.3g, max rel error %.3g; worst: %s",
          ok ? "passed" : "FAILED", maxAbsError, maxRelError, worst);
    }
  }

  /** Checks with {@link Options#DEFAULT}. */
  public static Result check(Function<Tensor[], Tensor> f, Tensor... inputs) {
    return check(f, Options.DEFAULT, inputs);
  }

  /** Checks the gradients of {@code f} with respect to every float input. */
  public static Result check(Function<Tensor[], Tensor> f, Options opt, Tensor... inputs) {
    for (int i = 0; i < inputs.length; i++) {
      if (inputs[i].dtype() == DType.FLOAT32 && !inputs[i].isLeaf()) {
        throw new IllegalArgumentException(
            "GradCheck: input " + i + " must be a leaf tensor (detach() it first)");
      }
      if (inputs[i].dtype() == DType.FLOAT32 && overlaps(inputs[i].shape(), inputs[i].strides())) {
        // perturbing one storage element would move several logical elements at once
        throw new IllegalArgumentException(
            "GradCheck: input " + i + " of shape " + Shape.str(inputs[i].shape()) + " with strides "
                + Shape.str(inputs[i].strides()) + " has elements that share memory (e.g. an"
                + " expand() view); pass the smaller tensor and expand it inside the function");
      }
    }
    Tensor[] leaves = new Tensor[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      Tensor in = inputs[i];
      // a private copy of the storage keeps the layout (views stay views) and avoids aliasing
      leaves[i] =
          in.dtype() == DType.FLOAT32
              ? Tensor.fromStorage(
                      dev.lernwerk.tensor.Storage.ofFloats(in.storage().floats().clone()),
                      in.dtype(), in.shape(), in.strides(), in.offset())
                  .requiresGrad(true)
              : in;
    }
    Tensor y = f.apply(leaves);
    Tensor r = Tensor.uniform(new Generator(1234), -1, 1, y.shape());
    Tensor loss = y.mul(r).sum();
    loss.backward();
    double maxAbs = 0;
    double maxRel = 0;
    String worst = "none";
    boolean ok = true;
    for (int i = 0; i < leaves.length; i++) {
      Tensor x = leaves[i];
      if (x.dtype() != DType.FLOAT32) {
        continue;
      }
      Tensor g = x.grad() == null ? Tensor.zerosLike(x) : x.grad();
      float[] data = x.storage().floats();
      int[] shape = x.shape();
      int[] strides = x.strides();
      int[] idx = new int[shape.length];
      int n = x.numel();
      for (int e = 0; e < n; e++) {
        int off = x.offset();
        for (int d = 0; d < shape.length; d++) {
          off += idx[d] * strides[d];
        }
        float orig = data[off];
        double lp;
        double lm;
        try (var scope = Grad.disabled()) {
          data[off] = (float) (orig + opt.eps());
          lp = objective(f, leaves, r);
          data[off] = (float) (orig - opt.eps());
          lm = objective(f, leaves, r);
        } finally {
          data[off] = orig;
        }
        double num = (lp - lm) / (2 * opt.eps());
        double ana = g.get(idx);
        double abs = Math.abs(ana - num);
        double rel = abs / Math.max(Math.abs(num), 1e-12);
        boolean pass = abs <= opt.atol() + opt.rtol() * Math.abs(num) || (Double.isNaN(num) && Double.isNaN(ana));
        if (abs > maxAbs || (!pass && ok)) {
          worst = String.format(Locale.ROOT, "input %d at %s: analytical %.6g, numerical %.6g",
              i, Shape.str(idx), ana, num);
        }
        maxAbs = Math.max(maxAbs, abs);
        maxRel = Math.max(maxRel, rel);
        ok &= pass;
        for (int d = shape.length - 1; d >= 0; d--) {
          if (++idx[d] < shape[d]) {
            break;
          }
          idx[d] = 0;
        }
      }
    }
    return new Result(ok, maxAbs, maxRel, worst);
  }

  /** True when two different indices of the view address the same storage element. */
  static boolean overlaps(int[] shape, int[] strides) {
    int r = shape.length;
    Integer[] order = new Integer[r];
    for (int d = 0; d < r; d++) {
      if (shape[d] == 0) {
        return false;
      }
      order[d] = d;
    }
    java.util.Arrays.sort(order, (x, y) -> Integer.compare(Math.abs(strides[x]), Math.abs(strides[y])));
    long extent = 0; // largest offset reachable with the dims seen so far
    for (int k = 0; k < r; k++) {
      int d = order[k];
      if (shape[d] == 1) {
        continue;
      }
      if (Math.abs((long) strides[d]) <= extent) {
        return true;
      }
      extent += Math.abs((long) strides[d]) * (shape[d] - 1);
    }
    return false;
  }

  private static double objective(Function<Tensor[], Tensor> f, Tensor[] in, Tensor r) {
    Tensor y = f.apply(in);
    float[] yv = y.toFloatArray();
    float[] rv = r.toFloatArray();
    double s = 0;
    for (int i = 0; i < yv.length; i++) {
      s += (double) yv[i] * rv[i];
    }
    return s;
  }
}
