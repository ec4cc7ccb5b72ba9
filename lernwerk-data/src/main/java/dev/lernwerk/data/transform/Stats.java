package dev.lernwerk.data.transform;

import dev.lernwerk.tensor.DType;
import dev.lernwerk.tensor.Tensor;
import java.util.Arrays;

/** Per-feature statistics over dim 0, accumulated in double. */
final class Stats {
  final int[] featureShape;
  final double[] min;
  final double[] max;
  final double[] mean;
  final double[] std;

  private Stats(int[] featureShape, int f) {
    this.featureShape = featureShape;
    min = new double[f];
    max = new double[f];
    mean = new double[f];
    std = new double[f];
  }

  /**
   * Statistics of each feature of {@code x} (N, features...) over its N rows, or of all elements
   * when {@code global}. NaN values are rejected.
   */
  static Stats of(String op, Tensor x, boolean global) {
    if (x.dtype() == DType.BOOL) {
      throw new IllegalArgumentException(op + ": expected a numeric tensor, got bool");
    }
    if (x.dim() == 0 || x.size(0) == 0) {
      throw new IllegalArgumentException(
          op + ": expected (N, features...) with N >= 1, got shape " + Arrays.toString(x.shape()));
    }
    float[] v = values(x);
    int n = global ? v.length : x.size(0);
    int f = global ? 1 : v.length / n;
    int[] fs = global ? new int[0] : Arrays.copyOfRange(x.shape(), 1, x.dim());
    Stats s = new Stats(fs, f);
    Arrays.fill(s.min, Double.POSITIVE_INFINITY);
    Arrays.fill(s.max, Double.NEGATIVE_INFINITY);
    double[] sum = new double[f];
    for (int r = 0; r < n; r++) {
      int o = r * f;
      for (int j = 0; j < f; j++) {
        double a = v[o + j];
        if (Double.isNaN(a)) {
          throw new IllegalArgumentException(
              op + ": the data has a NaN at flat index " + (o + j) + "; fill missing values first");
        }
        sum[j] += a;
        if (a < s.min[j]) {
          s.min[j] = a;
        }
        if (a > s.max[j]) {
          s.max[j] = a;
        }
      }
    }
    for (int j = 0; j < f; j++) {
      s.mean[j] = sum[j] / n;
    }
    double[] sq = new double[f];
    for (int r = 0; r < n; r++) {
      int o = r * f;
      for (int j = 0; j < f; j++) {
        double d = v[o + j] - s.mean[j];
        sq[j] += d * d;
      }
    }
    for (int j = 0; j < f; j++) {
      s.std[j] = Math.sqrt(sq[j] / n);
    }
    return s;
  }

  static Tensor tensor(double[] v, int[] shape) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return Tensor.wrap(f, shape);
  }

  /** Checks that x's trailing dims match the fitted feature shape. */
  static void checkShape(String op, Tensor x, int[] featureShape) {
    int[] s = x.shape();
    int k = featureShape.length;
    boolean ok = s.length >= k
        && Arrays.equals(Arrays.copyOfRange(s, s.length - k, s.length), featureShape);
    if (!ok) {
      throw new IllegalArgumentException(
          op + ": fitted on features of shape " + Arrays.toString(featureShape) + ", got input of"
              + " shape " + Arrays.toString(s) + " (expected (N, " + Arrays.toString(featureShape)
              .replaceAll("[\\[\\]]", "") + ") or one sample)");
    }
  }

  static Tensor require(java.util.Map<String, Tensor> state, String op, String key) {
    Tensor t = state.get(key);
    if (t == null) {
      throw new IllegalArgumentException(
          op + ": the state has no '" + key + "' entry (keys: " + state.keySet() + ")");
    }
    return t;
  }

  /**
   * {@code out = (x - sub[j]) · num[j] / den[j] + add[j]} in double for feature j (the trailing
   * dims of x flattened), rounded once to float32.
   */
  static Tensor affine(Tensor x, double[] sub, double[] num, double[] den, double[] add) {
    float[] v = values(x);
    int f = sub.length;
    float[] out = new float[v.length];
    for (int o = 0; o < v.length; o += f) {
      for (int j = 0; j < f; j++) {
        out[o + j] = (float) ((v[o + j] - sub[j]) * num[j] / den[j] + add[j]);
      }
    }
    return Tensor.wrap(out, x.shape());
  }

  static double[] doubles(Tensor t) {
    float[] f = t.toFloatArray();
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }

  static double[] filled(int n, double v) {
    double[] d = new double[n];
    Arrays.fill(d, v);
    return d;
  }

  /** The values in row-major order, without a copy when x is a whole contiguous float storage. */
  static float[] values(Tensor x) {
    if (x.dtype() == DType.FLOAT32 && x.isContiguous() && x.offset() == 0
        && x.storage().length() == x.numel()) {
      return x.storage().floats(); // read only
    }
    return x.toFloatArray();
  }
}
