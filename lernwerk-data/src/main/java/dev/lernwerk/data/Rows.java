package dev.lernwerk.data;

import dev.lernwerk.tensor.DType;
import dev.lernwerk.tensor.Tensor;

/** Row gathering and stacking over contiguous tensors: one arraycopy per row. */
final class Rows {
  private Rows() {}

  /**
   * Rows {@code idx[from..to)} of a contiguous tensor whose dim 0 is the row dim, as a new
   * contiguous tensor of shape (to-from, rest...).
   */
  static Tensor gather(Tensor t, int[] idx, int from, int to) {
    int[] shape = t.shape();
    int n = shape[0];
    int row = n == 0 ? 0 : t.numel() / n;
    int b = to - from;
    shape[0] = b;
    int off = t.offset();
    if (t.dtype() == DType.FLOAT32) {
      float[] src = t.storage().floats();
      float[] dst = new float[b * row];
      for (int j = 0; j < b; ) {
        int k = run(idx, from + j, from + b);
        System.arraycopy(src, off + idx[from + j] * row, dst, j * row, k * row);
        j += k;
      }
      return Tensor.wrap(dst, shape);
    }
    int[] src = t.storage().ints();
    int[] dst = new int[b * row];
    for (int j = 0; j < b; ) {
      int k = run(idx, from + j, from + b);
      System.arraycopy(src, off + idx[from + j] * row, dst, j * row, k * row);
      j += k;
    }
    return Tensor.wrapInts(t.dtype(), dst, shape);
  }

  /** Length of the run of consecutive indices starting at idx[i] (copied with one arraycopy). */
  private static int run(int[] idx, int i, int end) {
    int k = 1;
    while (i + k < end && idx[i + k] == idx[i] + k) {
      k++;
    }
    return k;
  }

  /** Per-sample weights of rows {@code idx[from..to)}, or null when all are 1. */
  static Tensor gatherWeights(float[] w, int[] idx, int from, int to) {
    if (w == null) {
      return null;
    }
    int b = to - from;
    float[] out = new float[b];
    boolean allOne = true;
    for (int j = 0; j < b; j++) {
      out[j] = w[idx[from + j]];
      allOne &= out[j] == 1f;
    }
    return allOne ? null : Tensor.wrap(out, b);
  }

  /**
   * Stacks equally shaped tensors along a new dim 0 (the default collate); copies contiguous
   * tensors with one arraycopy each.
   *
   * @param what "input" or "target", for messages
   */
  static Tensor stack(java.util.List<Tensor> ts, String what) {
    int b = ts.size();
    if (b == 0) {
      throw new IllegalArgumentException("collate: cannot stack an empty list of " + what + "s");
    }
    Tensor first = ts.get(0);
    int[] s0 = first.shape();
    DType dt = first.dtype();
    int row = first.numel();
    for (int i = 1; i < b; i++) {
      Tensor t = ts.get(i);
      if (t.dtype() != dt || !java.util.Arrays.equals(t.shape(), s0)) {
        throw new IllegalArgumentException(
            "collate: sample " + i + " has " + what + " " + t.dtype().label() + " "
                + java.util.Arrays.toString(t.shape()) + ", sample 0 has " + dt.label() + " "
                + java.util.Arrays.toString(s0) + " (samples in a batch must have equal shapes;"
                + " pass a custom collate to pad them)");
      }
    }
    int[] shape = new int[s0.length + 1];
    shape[0] = b;
    System.arraycopy(s0, 0, shape, 1, s0.length);
    if (dt == DType.FLOAT32) {
      float[] dst = new float[b * row];
      for (int i = 0; i < b; i++) {
        Tensor t = ts.get(i);
        if (t.isContiguous()) {
          System.arraycopy(t.storage().floats(), t.offset(), dst, i * row, row);
        } else {
          System.arraycopy(t.toFloatArray(), 0, dst, i * row, row);
        }
      }
      return Tensor.wrap(dst, shape);
    }
    int[] dst = new int[b * row];
    for (int i = 0; i < b; i++) {
      Tensor t = ts.get(i);
      if (t.isContiguous()) {
        System.arraycopy(t.storage().ints(), t.offset(), dst, i * row, row);
      } else {
        System.arraycopy(t.toIntArray(), 0, dst, i * row, row);
      }
    }
    return Tensor.wrapInts(dt, dst, shape);
  }
}
