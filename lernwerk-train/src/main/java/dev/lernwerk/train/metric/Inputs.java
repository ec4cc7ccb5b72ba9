package dev.lernwerk.train.metric;

import dev.lernwerk.tensor.DType;
import dev.lernwerk.tensor.Shape;
import dev.lernwerk.tensor.Tensor;
import java.util.Arrays;

/** Reading and checking metric inputs: class indices, argmax of scores, matching shapes. */
final class Inputs {
  private Inputs() {}

  /** Class indices from an int/bool tensor, or from a float tensor holding whole numbers. */
  static int[] classes(String op, String what, Tensor t) {
    if (t.dtype() != DType.FLOAT32) {
      return t.toIntArray();
    }
    float[] f = t.toFloatArray();
    int[] v = new int[f.length];
    for (int i = 0; i < f.length; i++) {
      if (f[i] != Math.rint(f[i]) || Float.isInfinite(f[i])) {
        throw new IllegalArgumentException(
            op + ": " + what + " must be class indices, got " + f[i] + " at flat index " + i
                + " (threshold probabilities first, e.g. probs.gt(0.5), or pass (N, C) scores)");
      }
      v[i] = (int) f[i];
    }
    return v;
  }

  /**
   * Predicted classes: the argmax over the last dim when {@code output} has one more dim than
   * {@code labels} (scores), else {@code output} itself as class indices (same shape as labels).
   */
  static int[] predictions(String op, Tensor output, Tensor labels) {
    int[] os = output.shape();
    int[] ls = labels.shape();
    if (os.length == ls.length + 1 && Arrays.equals(Arrays.copyOf(os, ls.length), ls)) {
      int c = os[os.length - 1];
      if (c < 2) {
        throw new IllegalArgumentException(
            op + ": scores of shape " + Shape.str(os) + " have a single class column; for a binary "
                + "logit threshold it first (logits.gt(0).squeeze(-1)) and pass class indices");
      }
      return argmaxRows(output.toFloatArray(), labels.numel(), c);
    }
    if (Arrays.equals(os, ls)) {
      return classes(op, "predictions", output);
    }
    throw new IllegalArgumentException(
        op + ": output shape " + Shape.str(os) + " does not fit labels shape " + Shape.str(ls)
            + " (expected scores " + scoresShape(ls) + " or predicted classes " + Shape.str(ls) + ")");
  }

  /** Row-wise index of the first maximum; NaN counts as the maximum, as in PyTorch. */
  static int[] argmaxRows(float[] s, int rows, int cols) {
    int[] out = new int[rows];
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      int best = 0;
      float bv = s[base];
      for (int j = 1; j < cols && !Float.isNaN(bv); j++) {
        float v = s[base + j];
        if (v > bv || Float.isNaN(v)) {
          bv = v;
          best = j;
        }
      }
      out[r] = best;
    }
    return out;
  }

  static void checkRange(String op, String what, int[] v, int numClasses) {
    for (int i = 0; i < v.length; i++) {
      if (v[i] < 0 || v[i] >= numClasses) {
        throw new IllegalArgumentException(
            op + ": " + what + " " + v[i] + " at index " + i + " is outside [0, " + numClasses
                + ") for numClasses=" + numClasses);
      }
    }
  }

  static void checkNumClasses(String op, int numClasses) {
    if (numClasses < 1) {
      throw new IllegalArgumentException(
          op + ": expected a positive number of classes, got numClasses=" + numClasses);
    }
  }

  static void checkNotEmpty(String op, int n) {
    if (n == 0) {
      throw new IllegalArgumentException(op + ": got empty inputs (no samples to score)");
    }
  }

  /**
   * Checks that prediction and target hold the same values elementwise: equal shapes, or shapes
   * that differ only by size-1 dims (e.g. {@code [32, 1]} against {@code [32]}); never broadcasts.
   */
  static void checkSameValues(String op, Tensor pred, Tensor target) {
    if (Arrays.equals(pred.shape(), target.shape())) {
      return;
    }
    if (!Arrays.equals(squeezed(pred.shape()), squeezed(target.shape()))) {
      throw new IllegalArgumentException(
          op + ": prediction shape " + Shape.str(pred.shape()) + " differs from target shape "
              + Shape.str(target.shape()) + " (they are compared elementwise, never broadcast)");
    }
  }

  static double[] doubles(Tensor t) {
    float[] f = t.toFloatArray();
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }

  /** Number of output columns for multi-output regression: last dim of a 2-d target, else 1. */
  static int columns(Tensor target) {
    return target.dim() == 2 ? target.size(1) : 1;
  }

  private static int[] squeezed(int[] s) {
    return Arrays.stream(s).filter(d -> d != 1).toArray();
  }

  private static String scoresShape(int[] labels) {
    String s = Shape.str(labels);
    return labels.length == 0 ? "[C]" : s.substring(0, s.length() - 1) + ", C]";
  }
}
