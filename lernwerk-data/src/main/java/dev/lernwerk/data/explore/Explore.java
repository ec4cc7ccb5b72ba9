package dev.lernwerk.data.explore;

import dev.lernwerk.data.csv.Column;
import dev.lernwerk.data.csv.NumericColumn;
import dev.lernwerk.data.csv.Table;
import dev.lernwerk.data.csv.TextColumn;
import dev.lernwerk.tensor.DType;
import dev.lernwerk.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * First looks at a data set (DA-18 … DA-21, TA-10): shape and value summary, class distribution,
 * per-feature statistics, missing values, correlations and outliers. All statistics are computed in
 * double.
 *
 * <pre>{@code
 * var train = FashionMnist.load(FashionMnist.locate(), true);
 * System.out.println(Explore.summary(train.images()));
 * // shape=[60000, 28, 28] dtype=float32 min=0 max=255 mean=72.9404 std=90.0212
 * System.out.println(Explore.classDistribution(train.labels(), FashionMnist.CLASS_NAMES).table());
 * }</pre>
 */
public final class Explore {
  private Explore() {}

  /** Shape, dtype, min, max, mean and (population) std of all values; NaNs counted apart. */
  public static Summary summary(Tensor t) {
    float[] v = values(t);
    long count = 0;
    long nan = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum = 0;
    for (float f : v) {
      if (Float.isNaN(f)) {
        nan++;
        continue;
      }
      count++;
      sum += f;
      min = Math.min(min, f);
      max = Math.max(max, f);
    }
    if (count == 0) {
      return new Summary(t.shape(), t.dtype(), 0, nan, Double.NaN, Double.NaN, Double.NaN,
          Double.NaN);
    }
    double mean = sum / count;
    double sq = 0;
    for (float f : v) {
      if (!Float.isNaN(f)) {
        double d = f - mean;
        sq += d * d;
      }
    }
    return new Summary(t.shape(), t.dtype(), count, nan, min, max, mean, Math.sqrt(sq / count));
  }

  /** The class distribution of integer labels, named by {@code classNames} (index = label). */
  public static ClassDistribution classDistribution(Tensor labels, List<String> classNames) {
    return classDistribution(labelArray(labels), classNames);
  }

  /** The class distribution of integer labels, each class named by its label. */
  public static ClassDistribution classDistribution(Tensor labels) {
    return classDistribution(labelArray(labels), List.of());
  }

  /** The class distribution of labels given as an array. */
  public static ClassDistribution classDistribution(int[] labels, List<String> classNames) {
    int[] sorted = labels.clone();
    Arrays.sort(sorted);
    List<Integer> values = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    for (int i = 0; i < sorted.length; ) {
      int j = i;
      while (j < sorted.length && sorted[j] == sorted[i]) {
        j++;
      }
      values.add(sorted[i]);
      counts.add((long) (j - i));
      i = j;
    }
    int[] l = values.stream().mapToInt(Integer::intValue).toArray();
    long[] c = counts.stream().mapToLong(Long::longValue).toArray();
    List<String> names = new ArrayList<>();
    for (int v : l) {
      names.add(v >= 0 && v < classNames.size() ? classNames.get(v) : Integer.toString(v));
    }
    return new ClassDistribution(l, c, names);
  }

  private static int[] labelArray(Tensor labels) {
    if (labels.dtype() == DType.FLOAT32) {
      float[] f = labels.toFloatArray();
      int[] out = new int[f.length];
      for (int i = 0; i < f.length; i++) {
        if (f[i] != Math.rint(f[i])) {
          throw new IllegalArgumentException(
              "classDistribution: expected integer class labels, got " + f[i] + " at flat index "
                  + i);
        }
        out[i] = (int) f[i];
      }
      return out;
    }
    return labels.toIntArray();
  }

  /** Rows and features of a data matrix: x (N, F...) seen as (N, F). */
  private static double[][] columns(String op, Tensor x) {
    if (x.dim() < 1) {
      throw new IllegalArgumentException(op + ": expected (N, features), got a scalar");
    }
    int n = x.size(0);
    int f = n == 0 ? 0 : x.numel() / n;
    if (x.dim() == 1) {
      f = 1;
    }
    float[] v = values(x);
    double[][] cols = new double[f][n];
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < f; j++) {
        cols[j][r] = v[r * f + j];
      }
    }
    return cols;
  }

  /** Number of features of x (N, F...) seen as (N, F); a 1-d x is one feature. */
  private static int features(String op, Tensor x) {
    if (x.dim() < 1) {
      throw new IllegalArgumentException(op + ": expected (N, features), got a scalar");
    }
    int n = x.size(0);
    return x.dim() == 1 ? 1 : (n == 0 ? 0 : x.numel() / n);
  }

  /**
   * Per-feature min, max, mean, population std and NaN count of the non-NaN values of the
   * row-major (N, F) array v, in two passes over the rows.
   */
  private static double[][] moments(float[] v, int f) {
    int n = f == 0 ? 0 : v.length / f;
    double[] min = new double[f];
    double[] max = new double[f];
    double[] sum = new double[f];
    double[] cnt = new double[f];
    double[] nan = new double[f];
    Arrays.fill(min, Double.POSITIVE_INFINITY);
    Arrays.fill(max, Double.NEGATIVE_INFINITY);
    for (int r = 0; r < n; r++) {
      int o = r * f;
      for (int j = 0; j < f; j++) {
        float a = v[o + j];
        if (Float.isNaN(a)) {
          nan[j]++;
          continue;
        }
        cnt[j]++;
        sum[j] += a;
        min[j] = Math.min(min[j], a);
        max[j] = Math.max(max[j], a);
      }
    }
    double[] mean = new double[f];
    for (int j = 0; j < f; j++) {
      mean[j] = cnt[j] == 0 ? Double.NaN : sum[j] / cnt[j];
    }
    double[] sq = new double[f];
    for (int r = 0; r < n; r++) {
      int o = r * f;
      for (int j = 0; j < f; j++) {
        float a = v[o + j];
        if (!Float.isNaN(a)) {
          sq[j] += (a - mean[j]) * (a - mean[j]);
        }
      }
    }
    double[] std = new double[f];
    for (int j = 0; j < f; j++) {
      std[j] = cnt[j] == 0 ? Double.NaN : Math.sqrt(sq[j] / cnt[j]);
      if (cnt[j] == 0) {
        min[j] = Double.NaN;
        max[j] = Double.NaN;
      }
    }
    return new double[][] {min, max, mean, std, nan};
  }

  /** Min, max, mean, std and missing count of every feature of x (N, F). */
  public static FeatureStats featureStats(Tensor x, List<String> names) {
    int f = features("featureStats", x);
    if (!names.isEmpty() && names.size() != f) {
      throw new IllegalArgumentException(
          "featureStats: " + names.size() + " names for " + f + " features");
    }
    double[][] m = moments(values(x), f);
    long[] missing = new long[f];
    List<String> nm = new ArrayList<>();
    for (int j = 0; j < f; j++) {
      missing[j] = (long) m[4][j];
      nm.add(names.isEmpty() ? Integer.toString(j) : names.get(j));
    }
    return new FeatureStats(nm, m[0], m[1], m[2], m[3], missing);
  }

  /** {@link #featureStats(Tensor, List)} with features named 0, 1, … */
  public static FeatureStats featureStats(Tensor x) {
    return featureStats(x, List.of());
  }

  /** The number of NaN (missing) values of each feature of x (N, F). */
  public static long[] missing(Tensor x) {
    int f = features("missing", x);
    float[] v = values(x);
    long[] out = new long[f];
    for (int i = 0; i < v.length; i++) {
      if (Float.isNaN(v[i])) {
        out[i % f]++;
      }
    }
    return out;
  }

  /**
   * The Pearson correlation matrix of the features of x (N, F): {@code r_ij = cov(i, j) / (σ_i σ_j)},
   * (F, F) float32 with ones on the diagonal; NaN for a constant feature (as NumPy's corrcoef).
   *
   * @throws IllegalArgumentException if x has missing values
   */
  public static Tensor correlation(Tensor x) {
    double[][] cols = columns("correlation", x);
    int f = cols.length;
    double[][] centred = new double[f][];
    double[] norm = new double[f];
    for (int j = 0; j < f; j++) {
      double[] c = cols[j];
      double mean = 0;
      for (double a : c) {
        if (Double.isNaN(a)) {
          throw new IllegalArgumentException(
              "correlation: feature " + j + " has missing values; impute them first");
        }
        mean += a;
      }
      mean /= c.length;
      double[] d = new double[c.length];
      double s = 0;
      for (int r = 0; r < c.length; r++) {
        d[r] = c[r] - mean;
        s += d[r] * d[r];
      }
      centred[j] = d;
      norm[j] = Math.sqrt(s);
    }
    float[] out = new float[f * f];
    for (int i = 0; i < f; i++) {
      for (int j = i; j < f; j++) {
        double r;
        if (norm[i] == 0 || norm[j] == 0) {
          r = Double.NaN;
        } else if (i == j) {
          r = 1;
        } else {
          double s = 0;
          for (int k = 0; k < centred[i].length; k++) {
            s += centred[i][k] * centred[j][k];
          }
          r = Math.max(-1, Math.min(1, s / (norm[i] * norm[j])));
        }
        out[i * f + j] = (float) r;
        out[j * f + i] = (float) r;
      }
    }
    return Tensor.wrap(out, f, f);
  }

  /**
   * How many values of each feature of x (N, F) lie more than {@code z} standard deviations from
   * the feature's mean ({@code |x - mean| / std > z}, population std; 3 is the usual choice).
   * Missing values are skipped; a constant feature has none.
   */
  public static long[] outliers(Tensor x, double z) {
    if (!(z > 0)) {
      throw new IllegalArgumentException("outliers: z must be positive, got " + z);
    }
    int f = features("outliers", x);
    float[] v = values(x);
    double[][] m = moments(v, f);
    long[] out = new long[f];
    for (int i = 0; i < v.length; i++) {
      int j = i % f;
      if (m[3][j] > 0 && Math.abs(v[i] - m[2][j]) / m[3][j] > z) {
        out[j]++;
      }
    }
    return out;
  }

  /**
   * A pandas-style {@code describe()} of a table's numeric columns: count, mean, std (sample, n-1,
   * as pandas), min, quartiles (linear interpolation) and max; text columns report count, unique
   * values, the most frequent one and its count.
   */
  public static String describe(Table t) {
    List<String> rows = List.of("count", "mean", "std", "min", "25%", "50%", "75%", "max");
    List<String> names = new ArrayList<>();
    List<String[]> cells = new ArrayList<>();
    for (Column c : t.columns()) {
      if (!(c instanceof NumericColumn n)) {
        continue;
      }
      double[] v = Arrays.stream(n.values()).filter(a -> !Double.isNaN(a)).sorted().toArray();
      double mean = Arrays.stream(v).average().orElse(Double.NaN);
      double ss = 0;
      for (double a : v) {
        ss += (a - mean) * (a - mean);
      }
      double std = v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : Double.NaN;
      names.add(n.name());
      cells.add(new String[] {
        Integer.toString(v.length), Summary.num(mean), Summary.num(std),
        Summary.num(v.length == 0 ? Double.NaN : v[0]), Summary.num(quantile(v, 0.25)),
        Summary.num(quantile(v, 0.5)), Summary.num(quantile(v, 0.75)),
        Summary.num(v.length == 0 ? Double.NaN : v[v.length - 1])
      });
    }
    StringBuilder sb = new StringBuilder();
    if (!names.isEmpty()) {
      int[] w = new int[names.size()];
      for (int j = 0; j < w.length; j++) {
        w[j] = names.get(j).length();
        for (String s : cells.get(j)) {
          w[j] = Math.max(w[j], s.length());
        }
      }
      sb.append(String.format(Locale.ROOT, "%-5s", ""));
      for (int j = 0; j < w.length; j++) {
        sb.append("  ").append(" ".repeat(w[j] - names.get(j).length())).append(names.get(j));
      }
      for (int r = 0; r < rows.size(); r++) {
        sb.append('\n').append(String.format(Locale.ROOT, "%-5s", rows.get(r)));
        for (int j = 0; j < w.length; j++) {
          String s = cells.get(j)[r];
          sb.append("  ").append(" ".repeat(w[j] - s.length())).append(s);
        }
      }
    }
    for (Column c : t.columns()) {
      if (c instanceof TextColumn tc) {
        var counts = tc.counts();
        String top = tc.mode();
        sb.append(sb.isEmpty() ? "" : "\n").append(tc.name()).append(": count=")
            .append(tc.size() - tc.missingCount()).append(" unique=").append(counts.size())
            .append(top == null ? "" : " top=" + top + " freq=" + counts.get(top));
      }
    }
    return sb.toString();
  }

  /** The q-quantile of sorted values with linear interpolation (NumPy's default). */
  static double quantile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  /** The values in row-major order, without a copy when x is a whole contiguous float storage. */
  private static float[] values(Tensor x) {
    if (x.dtype() == DType.FLOAT32 && x.isContiguous() && x.offset() == 0
        && x.storage().length() == x.numel()) {
      return x.storage().floats(); // read only
    }
    return x.toFloatArray();
  }
}
