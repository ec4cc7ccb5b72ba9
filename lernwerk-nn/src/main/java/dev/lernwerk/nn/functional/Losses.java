package dev.lernwerk.nn.functional;

import dev.lernwerk.nn.loss.Reduction;
import dev.lernwerk.tensor.DType;
import dev.lernwerk.tensor.Shape;
import dev.lernwerk.tensor.Tensor;
import java.util.Arrays;

/** Loss implementations behind {@link F}; composites except the fused cross-entropy and BCE. */
final class Losses {
  private Losses() {}

  static Tensor reduce(String op, Tensor loss, Reduction r) {
    return switch (r) {
      case MEAN -> loss.mean();
      case SUM -> loss.sum();
      case NONE -> loss;
      case BATCHMEAN -> throw new IllegalArgumentException(
          op + ": reduction BATCHMEAN is only defined for klDiv; use MEAN, SUM or NONE");
    };
  }

  static void requireNonNull(String op, String what, Object v) {
    if (v == null) {
      throw new IllegalArgumentException(op + ": " + what + " must not be null");
    }
  }

  static void sameShape(String op, Tensor input, Tensor target) {
    requireNonNull(op, "input", input);
    requireNonNull(op, "target", target);
    if (!Arrays.equals(input.shape(), target.shape())) {
      throw new IllegalArgumentException(op + ": input shape " + Shape.str(input.shape())
          + " and target shape " + Shape.str(target.shape())
          + " differ; they must be equal (reshape one of them, e.g. target.reshape("
          + String.join(", ", Arrays.stream(input.shape()).mapToObj(Integer::toString).toList())
          + "))");
    }
  }

  static void requireFloat(String op, String what, Tensor t) {
    if (t.dtype() != DType.FLOAT32) {
      throw new IllegalArgumentException(op + ": " + what + " must be float32, got "
          + t.dtype().label() + " of shape " + Shape.str(t.shape()) + " (convert with toFloat())");
    }
  }

  static Tensor floatTarget(String op, Tensor input, Tensor target) {
    sameShape(op, input, target);
    requireFloat(op, "input", input);
    return target.dtype() == DType.FLOAT32 ? target : target.toFloat();
  }

  // ------------------------------------------------------------------ regression

  static Tensor mse(Tensor input, Tensor target, Reduction r) {
    Tensor t = floatTarget("mseLoss", input, target);
    return reduce("mseLoss", input.sub(t).square(), r);
  }

  static Tensor l1(Tensor input, Tensor target, Reduction r) {
    Tensor t = floatTarget("l1Loss", input, target);
    return reduce("l1Loss", input.sub(t).abs(), r);
  }

  /** 0.5·d²/β where |d| &lt; β, |d| - 0.5·β elsewhere (β = 0 is the L1 loss). */
  static Tensor smoothL1(Tensor input, Tensor target, double beta, Reduction r) {
    if (!(beta >= 0)) {
      throw new IllegalArgumentException("smoothL1Loss: beta must be >= 0, got " + beta);
    }
    Tensor t = floatTarget("smoothL1Loss", input, target);
    Tensor d = input.sub(t);
    Tensor ad = d.abs();
    if (beta == 0) {
      return reduce("smoothL1Loss", ad, r);
    }
    Tensor quad = d.square().mul((float) (0.5 / beta));
    Tensor lin = ad.sub((float) (0.5 * beta));
    return reduce("smoothL1Loss", Tensor.where(ad.lt((float) beta), quad, lin), r);
  }

  /** 0.5·d² where |d| ≤ δ, δ·(|d| - 0.5·δ) elsewhere. */
  static Tensor huber(Tensor input, Tensor target, double delta, Reduction r) {
    if (!(delta > 0)) {
      throw new IllegalArgumentException("huberLoss: delta must be > 0, got " + delta);
    }
    Tensor t = floatTarget("huberLoss", input, target);
    Tensor d = input.sub(t);
    Tensor ad = d.abs();
    Tensor quad = d.square().mul(0.5f);
    Tensor lin = ad.sub((float) (0.5 * delta)).mul((float) delta);
    return reduce("huberLoss", Tensor.where(ad.le((float) delta), quad, lin), r);
  }

  // ------------------------------------------------------------------ binary classification

  static Tensor bce(Tensor input, Tensor target, Tensor weight, Reduction r) {
    Tensor t = floatTarget("binaryCrossEntropy", input, target);
    Tensor l = BceOp.apply(input, t);
    if (weight != null) {
      l = l.mul(weight);
    }
    return reduce("binaryCrossEntropy", l, r);
  }

  /**
   * {@code (1 - t)·x + (1 + (pw - 1)·t)·softplus(-x)}: equal to {@code max(x,0) - x·t +
   * log(1 + e^-|x|)} without pos weight, and finite for any finite x.
   */
  static Tensor bceWithLogits(Tensor input, Tensor target, Tensor weight, Tensor posWeight,
      Reduction r) {
    String op = "binaryCrossEntropyWithLogits";
    Tensor t = floatTarget(op, input, target);
    Tensor l;
    if (posWeight == null) {
      l = input.softplus().sub(input.mul(t));
    } else {
      Tensor logWeight = posWeight.sub(1f).mul(t).add(1f);
      l = input.mul(t.rsub(1f)).add(logWeight.mul(input.neg().softplus()));
    }
    if (weight != null) {
      l = l.mul(weight);
    }
    return reduce(op, l, r);
  }

  // ------------------------------------------------------------------ multi-class

  /** Logits/log-probs as (M, C) rows and targets flattened, plus the unreduced output shape. */
  record Rows(Tensor rows, Tensor target, int[] outShape, int classes) {}

  /**
   * Moves the class dim (1, or 0 for an unbatched (C) input) last and flattens: (N, C, d1…) →
   * (N·d1…, C). Class-index targets must be (N, d1…); probability targets like the input.
   */
  static Rows rows(String op, Tensor input, Tensor target) {
    requireNonNull(op, "input", input);
    requireNonNull(op, "target", target);
    requireFloat(op, "input", input);
    int[] is = input.shape();
    int[] ts = target.shape();
    boolean probs = target.dtype() == DType.FLOAT32;
    if (is.length == 0) {
      throw new IllegalArgumentException(op + ": input must have a class dim, got a scalar");
    }
    int[] expectIdx = is.length == 1 ? new int[0] : without(is, 1);
    boolean ok = probs ? Arrays.equals(is, ts) : Arrays.equals(expectIdx, ts);
    if (!ok) {
      String hint = probs && Arrays.equals(expectIdx, ts)
          ? " (class-index targets must be int32: convert with toInt())"
          : "";
      throw new IllegalArgumentException(op + ": input shape " + Shape.str(is)
          + " and target shape " + Shape.str(ts) + " do not match (expected int32 class indices of"
          + " shape " + Shape.str(expectIdx) + " or float32 probabilities of shape " + Shape.str(is)
          + ")" + hint);
    }
    int c = is.length == 1 ? is[0] : is[1];
    Tensor x = classLast(input);
    Tensor t = probs ? classLast(target) : target.reshape(-1);
    return new Rows(x, t, expectIdx, c);
  }

  private static Tensor classLast(Tensor t) {
    int r = t.dim();
    if (r == 1) {
      return t.reshape(1, -1);
    }
    if (r == 2) {
      return t;
    }
    int[] perm = new int[r];
    perm[0] = 0;
    for (int d = 2; d < r; d++) {
      perm[d - 1] = d;
    }
    perm[r - 1] = 1;
    return t.permute(perm).reshape(-1, t.size(1));
  }

  private static int[] without(int[] s, int d) {
    int[] out = new int[s.length - 1];
    for (int i = 0, j = 0; i < s.length; i++) {
      if (i != d) {
        out[j++] = s[i];
      }
    }
    return out;
  }

  /** Checks labels against the class count (the ignore index is allowed) and returns them. */
  static int[] labels(String op, Tensor target, int[] targetShape, int classes, int ignoreIndex) {
    int[] y = target.toIntArray();
    for (int i = 0; i < y.length; i++) {
      if (y[i] != ignoreIndex && (y[i] < 0 || y[i] >= classes)) {
        String at = targetShape.length <= 1 ? Integer.toString(i) : Shape.str(unravel(i, targetShape));
        throw new IndexOutOfBoundsException(op + ": label " + y[i] + " at index " + at
            + " is out of range for " + classes + " classes (expected 0.." + (classes - 1)
            + " or ignoreIndex " + ignoreIndex + ")");
      }
    }
    return y;
  }

  private static int[] unravel(int flat, int[] shape) {
    int[] idx = new int[shape.length];
    for (int d = shape.length - 1; d >= 0; d--) {
      idx[d] = flat % shape[d];
      flat /= shape[d];
    }
    return idx;
  }

  static float[] classWeights(String op, Tensor weight, int classes) {
    if (weight == null) {
      return null;
    }
    if (weight.dim() != 1 || weight.size(0) != classes) {
      throw new IllegalArgumentException(op + ": class weights must have shape [" + classes
          + "], got " + Shape.str(weight.shape()));
    }
    return weight.toFloatArray();
  }

  static Tensor crossEntropy(Tensor input, Tensor target, Tensor weight, int ignoreIndex,
      Reduction r, double labelSmoothing) {
    String op = "crossEntropy";
    if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
      throw new IllegalArgumentException(
          op + ": labelSmoothing must be in [0, 1], got " + labelSmoothing);
    }
    checkReduction(op, r);
    Rows rows = rows(op, input, target);
    float[] w = classWeights(op, weight, rows.classes());
    boolean probs = target.dtype() == DType.FLOAT32;
    int[] outShape = rows.outShape();
    if (probs) {
      return CrossEntropyOp.apply(rows.rows(), null, rows.target(), w, ignoreIndex, r,
          labelSmoothing, outShape);
    }
    int[] y = labels(op, rows.target(), outShape, rows.classes(), ignoreIndex);
    return CrossEntropyOp.apply(rows.rows(), y, null, w, ignoreIndex, r, labelSmoothing, outShape);
  }

  static void checkReduction(String op, Reduction r) {
    requireNonNull(op, "reduction", r);
    if (r == Reduction.BATCHMEAN) {
      reduce(op, null, r);
    }
  }

  /** -w[y]·logp[i, y], ignored targets contribute 0; MEAN divides by the sum of used weights. */
  static Tensor nll(Tensor input, Tensor target, Tensor weight, int ignoreIndex, Reduction r) {
    String op = "nllLoss";
    checkReduction(op, r);
    if (target != null && target.dtype() == DType.FLOAT32) {
      throw new IllegalArgumentException(op + ": target must be int32 class indices, got float32"
          + " of shape " + Shape.str(target.shape()) + " (convert with toInt())");
    }
    Rows rows = rows(op, input, target);
    int c = rows.classes();
    float[] w = classWeights(op, weight, c);
    int[] y = labels(op, rows.target(), rows.outShape(), c, ignoreIndex);
    int m = y.length;
    int[] safe = new int[m];
    float[] wy = new float[m];
    double denom = 0;
    for (int i = 0; i < m; i++) {
      boolean used = y[i] != ignoreIndex;
      safe[i] = used ? y[i] : 0;
      wy[i] = used ? (w == null ? 1f : w[y[i]]) : 0f;
      denom += wy[i];
    }
    Tensor picked = rows.rows().gather(1, Tensor.wrapInts(safe, m, 1)).reshape(m);
    Tensor l = picked.mul(Tensor.wrap(wy, m)).neg();
    return switch (r) {
      case NONE -> l.reshape(rows.outShape());
      case SUM -> l.sum();
      default -> l.sum().div((float) denom);
    };
  }

  // ------------------------------------------------------------------ distributions

  /** Pointwise t·(log t - x) (or e^t·(t - x) for log targets); x holds log-probabilities. */
  static Tensor klDiv(Tensor input, Tensor target, Reduction r, boolean logTarget) {
    String op = "klDiv";
    requireNonNull(op, "reduction", r);
    Tensor t = floatTarget(op, input, target);
    Tensor l = logTarget
        ? t.exp().mul(t.sub(input))
        : t.mul(t.clampMin(Float.MIN_NORMAL).log().sub(input)); // 0·log 0 = 0
    if (r == Reduction.BATCHMEAN) {
      return l.sum().div(input.dim() == 0 ? 1f : (float) input.size(0));
    }
    return reduce(op, l, r);
  }

  // ------------------------------------------------------------------ metric learning

  private static Tensor signTarget(String op, Tensor y, int[] shape) {
    requireNonNull(op, "target", y);
    if (!Arrays.equals(y.shape(), shape)) {
      throw new IllegalArgumentException(op + ": target shape " + Shape.str(y.shape())
          + " must be " + Shape.str(shape) + " (one 1 or -1 per pair)");
    }
    float[] v = y.toFloatArray();
    for (int i = 0; i < v.length; i++) {
      if (v[i] != 1f && v[i] != -1f) {
        throw new IllegalArgumentException(
            op + ": target values must be 1 or -1, got " + v[i] + " at index " + i);
      }
    }
    return y.dtype() == DType.FLOAT32 ? y : y.toFloat();
  }

  static Tensor cosineEmbedding(Tensor x1, Tensor x2, Tensor y, double margin, Reduction r) {
    String op = "cosineEmbeddingLoss";
    sameShape(op, x1, x2);
    if (x1.dim() != 1 && x1.dim() != 2) {
      throw new IllegalArgumentException(op + ": inputs must be (N, D) or (D), got "
          + Shape.str(x1.shape()));
    }
    int d = x1.dim() - 1;
    Tensor yt = signTarget(op, y, x1.dim() == 2 ? new int[] {x1.size(0)} : new int[0]);
    Tensor prod = x1.mul(x2).sum(d, false);
    Tensor m1 = x1.square().sum(d, false).add(1e-12f);
    Tensor m2 = x2.square().sum(d, false).add(1e-12f);
    Tensor cos = prod.div(m1.mul(m2).sqrt());
    Tensor pos = cos.rsub(1f);
    Tensor neg = cos.sub((float) margin).clampMin(0f);
    return reduce(op, Tensor.where(yt.eq(1f), pos, neg), r);
  }

  static Tensor marginRanking(Tensor x1, Tensor x2, Tensor y, double margin, Reduction r) {
    String op = "marginRankingLoss";
    sameShape(op, x1, x2);
    Tensor yt = signTarget(op, y, x1.shape());
    return reduce(op, yt.neg().mul(x1.sub(x2)).add((float) margin).clampMin(0f), r);
  }

  static Tensor tripletMargin(Tensor anchor, Tensor positive, Tensor negative, double margin,
      double p, double eps, boolean swap, Reduction r) {
    String op = "tripletMarginLoss";
    sameShape(op, anchor, positive);
    sameShape(op, anchor, negative);
    if (!(p > 0)) {
      throw new IllegalArgumentException(op + ": p must be > 0, got " + p);
    }
    if (anchor.dim() != 1 && anchor.dim() != 2) {
      throw new IllegalArgumentException(op + ": inputs must be (N, D) or (D), got "
          + Shape.str(anchor.shape()));
    }
    Tensor dPos = distance(anchor, positive, p, eps);
    Tensor dNeg = distance(anchor, negative, p, eps);
    if (swap) {
      dNeg = dNeg.minimum(distance(positive, negative, p, eps));
    }
    return reduce(op, dPos.sub(dNeg).add((float) margin).clampMin(0f), r);
  }

  /** PyTorch's pairwise distance: ||a - b + eps||_p over the last dim. */
  static Tensor distance(Tensor a, Tensor b, double p, double eps) {
    return a.sub(b).add((float) eps).norm((float) p, new int[] {-1}, false);
  }
}
