package dev.lernwerk.train.metric;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Counts of (true class, predicted class) pairs: rows are true classes, columns predicted ones.
 * Immutable; build one with {@link Metrics#confusionMatrix} or {@link ConfusionMatrixMetric}.
 *
 * <p>Per class c, with tp = C[c][c], fp = column sum - tp, fn = row sum - tp:
 *
 * <pre>
 * precision = tp / (tp + fp)   recall = tp / (tp + fn)   F1 = 2 tp / (2 tp + fp + fn)
 * IoU = tp / (tp + fp + fn)
 * </pre>
 *
 * A zero denominator gives 0 (sklearn's {@code zero_division=0}). Macro averages run over the
 * classes that occur in the labels or the predictions, as sklearn does when it is not given an
 * explicit label list; weighted averages weight each class by its support (row sum); micro
 * averages use the summed counts and equal {@link #accuracy()} for single-label data.
 *
 * <pre>{@code
 * ConfusionMatrix cm = Metrics.confusionMatrix(logits, labels, 3);
 * System.out.print(cm.toText(new String[] {"cat", "dog", "pig"}));
 * double f1 = cm.macroF1();
 * cm.mostConfused(3).forEach(p -> System.out.println(p.toText(names)));
 * }</pre>
 */
public final class ConfusionMatrix {
  private final int k;
  private final int[] counts; // (k, k) row-major: counts[actual * k + predicted]

  ConfusionMatrix(int numClasses, int[] counts) {
    this.k = numClasses;
    this.counts = counts;
  }

  /** A matrix from explicit counts {@code counts[actual][predicted]} (square, non-negative). */
  public static ConfusionMatrix of(int[][] counts) {
    int n = counts.length;
    Inputs.checkNumClasses("ConfusionMatrix.of", n);
    int[] flat = new int[n * n];
    for (int i = 0; i < n; i++) {
      if (counts[i].length != n) {
        throw new IllegalArgumentException(
            "ConfusionMatrix.of: expected a square matrix, row " + i + " has " + counts[i].length
                + " entries for " + n + " rows");
      }
      for (int j = 0; j < n; j++) {
        if (counts[i][j] < 0) {
          throw new IllegalArgumentException(
              "ConfusionMatrix.of: counts must be non-negative, got " + counts[i][j] + " at ["
                  + i + "][" + j + "]");
        }
        flat[i * n + j] = counts[i][j];
      }
    }
    return new ConfusionMatrix(n, flat);
  }

  /** Number of classes (rows = columns). */
  public int numClasses() {
    return k;
  }

  /** Number of samples of class {@code actual} predicted as {@code predicted}. */
  public int count(int actual, int predicted) {
    checkClass(actual);
    checkClass(predicted);
    return counts[actual * k + predicted];
  }

  /** A copy of the counts, {@code [actual][predicted]}. */
  public int[][] counts() {
    int[][] c = new int[k][];
    for (int i = 0; i < k; i++) {
      c[i] = Arrays.copyOfRange(counts, i * k, (i + 1) * k);
    }
    return c;
  }

  /** Total number of samples. */
  public long total() {
    long t = 0;
    for (int v : counts) {
      t += v;
    }
    return t;
  }

  /** Number of samples whose true class is {@code c} (the row sum). */
  public long support(int c) {
    checkClass(c);
    long s = 0;
    for (int j = 0; j < k; j++) {
      s += counts[c * k + j];
    }
    return s;
  }

  /** Number of samples predicted as {@code c} (the column sum). */
  public long predictedCount(int c) {
    checkClass(c);
    long s = 0;
    for (int i = 0; i < k; i++) {
      s += counts[i * k + c];
    }
    return s;
  }

  /** Fraction of samples on the diagonal; NaN for an empty matrix. */
  public double accuracy() {
    long t = total();
    if (t == 0) {
      return Double.NaN;
    }
    long d = 0;
    for (int i = 0; i < k; i++) {
      d += counts[i * k + i];
    }
    return (double) d / t;
  }

  /** {@code 1 - accuracy()}. */
  public double errorRate() {
    return 1.0 - accuracy();
  }

  /** tp / (tp + fp) for class {@code c}; 0 when nothing was predicted as c. */
  public double precision(int c) {
    checkClass(c);
    return ratio(counts[c * k + c], predictedCount(c));
  }

  /** tp / (tp + fn) for class {@code c}; 0 when the class has no samples. */
  public double recall(int c) {
    checkClass(c);
    return ratio(counts[c * k + c], support(c));
  }

  /** 2 tp / (2 tp + fp + fn) for class {@code c} (the harmonic mean of precision and recall). */
  public double f1(int c) {
    checkClass(c);
    long tp = counts[c * k + c];
    return ratio(2 * tp, support(c) + predictedCount(c));
  }

  /** Intersection over union tp / (tp + fp + fn) for class {@code c} (the Jaccard index). */
  public double iou(int c) {
    checkClass(c);
    long tp = counts[c * k + c];
    return ratio(tp, support(c) + predictedCount(c) - tp);
  }

  /** Mean IoU over the classes present in the labels or the predictions (segmentation's mIoU). */
  public double meanIou() {
    double s = 0;
    int m = 0;
    for (int c = 0; c < k; c++) {
      if (present(c)) {
        s += iou(c);
        m++;
      }
    }
    return m == 0 ? 0 : s / m;
  }

  /** Precision averaged as asked. */
  public double precision(Average average) {
    return average(average, 0);
  }

  /** Recall averaged as asked. */
  public double recall(Average average) {
    return average(average, 1);
  }

  /** F1 averaged as asked (macro/weighted: mean of per-class F1, as sklearn). */
  public double f1(Average average) {
    return average(average, 2);
  }

  /** Unweighted mean of per-class precision over the present classes. */
  public double macroPrecision() {
    return precision(Average.MACRO);
  }

  /** Precision from the summed counts (equals accuracy for single-label data). */
  public double microPrecision() {
    return precision(Average.MICRO);
  }

  /** Support-weighted mean of per-class precision. */
  public double weightedPrecision() {
    return precision(Average.WEIGHTED);
  }

  /** Unweighted mean of per-class recall over the present classes. */
  public double macroRecall() {
    return recall(Average.MACRO);
  }

  /** Recall from the summed counts (equals accuracy for single-label data). */
  public double microRecall() {
    return recall(Average.MICRO);
  }

  /** Support-weighted mean of per-class recall. */
  public double weightedRecall() {
    return recall(Average.WEIGHTED);
  }

  /** Unweighted mean of per-class F1 over the present classes. */
  public double macroF1() {
    return f1(Average.MACRO);
  }

  /** F1 from the summed counts (equals accuracy for single-label data). */
  public double microF1() {
    return f1(Average.MICRO);
  }

  /** Support-weighted mean of per-class F1. */
  public double weightedF1() {
    return f1(Average.WEIGHTED);
  }

  /** True when class {@code c} occurs in the labels or in the predictions. */
  public boolean present(int c) {
    return support(c) + predictedCount(c) > 0;
  }

  private double perClass(int which, int c) {
    return switch (which) {
      case 0 -> precision(c);
      case 1 -> recall(c);
      default -> f1(c);
    };
  }

  private double average(Average average, int which) {
    switch (average) {
      case MICRO -> {
        long tp = 0;
        long t = total();
        for (int i = 0; i < k; i++) {
          tp += counts[i * k + i];
        }
        // summed tp + fp and tp + fn are both the total for single-label data
        return which == 2 ? ratio(2 * tp, 2 * t) : ratio(tp, t);
      }
      case MACRO -> {
        double s = 0;
        int m = 0;
        for (int c = 0; c < k; c++) {
          if (present(c)) {
            s += perClass(which, c);
            m++;
          }
        }
        return m == 0 ? 0 : s / m;
      }
      case WEIGHTED -> {
        double s = 0;
        long t = 0;
        for (int c = 0; c < k; c++) {
          long sup = support(c);
          if (sup > 0) {
            s += sup * perClass(which, c);
            t += sup;
          }
        }
        return t == 0 ? 0 : s / t;
      }
    }
    throw new AssertionError(average);
  }

  /**
   * The {@code top} largest off-diagonal cells with a non-zero count, largest first (ties by
   * actual then predicted class): the pairs of classes the model mixes up most.
   */
  public List<ConfusedPair> mostConfused(int top) {
    if (top < 0) {
      throw new IllegalArgumentException("mostConfused: expected top >= 0, got " + top);
    }
    var pairs = new ArrayList<ConfusedPair>();
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        int v = counts[i * k + j];
        if (i != j && v > 0) {
          pairs.add(new ConfusedPair(i, j, v));
        }
      }
    }
    pairs.sort(Comparator.comparingInt(ConfusedPair::count).reversed()
        .thenComparingInt(ConfusedPair::actual).thenComparingInt(ConfusedPair::predicted));
    return List.copyOf(pairs.subList(0, Math.min(top, pairs.size())));
  }

  /**
   * The matrix as an aligned table with class names as row and column labels plus totals:
   *
   * <pre>
   * actual \ predicted  cat  dog  pig  total
   * cat                   2    0    0      2
   * dog                   1    0    1      2
   * pig                   0    2    0      2
   * total                 3    2    1      6
   * </pre>
   */
  public String toText(String[] classNames) {
    String[] names = names("toText", classNames);
    String[] header = new String[k + 2];
    header[0] = "actual \\ predicted";
    System.arraycopy(names, 0, header, 1, k);
    header[k + 1] = "total";
    var t = new TextTable(1, header);
    for (int i = 0; i < k; i++) {
      Object[] row = new Object[k + 2];
      row[0] = names[i];
      for (int j = 0; j < k; j++) {
        row[j + 1] = counts[i * k + j];
      }
      row[k + 1] = support(i);
      t.row(row);
    }
    Object[] totals = new Object[k + 2];
    totals[0] = "total";
    for (int j = 0; j < k; j++) {
      totals[j + 1] = predictedCount(j);
    }
    totals[k + 1] = total();
    t.row(totals);
    return t.toString();
  }

  /** {@link #toText(String[])} with the class indices as names. */
  public String toText() {
    return toText(null);
  }

  /**
   * A per-class precision/recall/F1/support report laid out like sklearn's
   * {@code classification_report} (2 decimals), with accuracy, macro and weighted averages.
   * Classes with neither samples nor predictions are listed but left out of the macro average
   * (a note says which).
   */
  public String report(String[] classNames) {
    return report(classNames, 2);
  }

  /** {@link #report(String[])} with {@code digits} decimals. */
  public String report(String[] classNames, int digits) {
    String[] names = names("report", classNames);
    if (digits < 0 || digits > 15) {
      throw new IllegalArgumentException("report: digits must be in [0, 15], got " + digits);
    }
    int width = "weighted avg".length();
    for (String n : names) {
      width = Math.max(width, n.length());
    }
    width = Math.max(width, digits);
    var sb = new StringBuilder();
    sb.append(" ".repeat(width + 1));
    for (String h : new String[] {"precision", "recall", "f1-score", "support"}) {
      sb.append(' ').append(pad(h, 9));
    }
    sb.append("\n\n");
    for (int c = 0; c < k; c++) {
      reportRow(sb, names[c], width, digits, precision(c), recall(c), f1(c), support(c));
    }
    sb.append('\n');
    long t = total();
    sb.append(pad("accuracy", width)).append(' ').append(" ".repeat(20))
        .append(' ').append(pad(TextTable.fixed(accuracy(), digits), 9))
        .append(' ').append(pad(Long.toString(t), 9)).append('\n');
    reportRow(sb, "macro avg", width, digits, macroPrecision(), macroRecall(), macroF1(), t);
    reportRow(sb, "weighted avg", width, digits, weightedPrecision(), weightedRecall(),
        weightedF1(), t);
    var absent = new ArrayList<String>();
    for (int c = 0; c < k; c++) {
      if (!present(c)) {
        absent.add(names[c]);
      }
    }
    if (!absent.isEmpty()) {
      sb.append("\n(no samples and no predictions, left out of the macro average: ")
          .append(String.join(", ", absent)).append(")\n");
    }
    return sb.toString();
  }

  private static void reportRow(StringBuilder sb, String name, int width, int digits,
      double p, double r, double f, long support) {
    sb.append(pad(name, width)).append(' ');
    for (double v : new double[] {p, r, f}) {
      sb.append(' ').append(pad(TextTable.fixed(v, digits), 9));
    }
    sb.append(' ').append(pad(Long.toString(support), 9)).append('\n');
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
  }

  private String[] names(String op, String[] classNames) {
    if (classNames == null) {
      String[] n = new String[k];
      for (int i = 0; i < k; i++) {
        n[i] = Integer.toString(i);
      }
      return n;
    }
    if (classNames.length != k) {
      throw new IllegalArgumentException(
          "ConfusionMatrix." + op + ": expected " + k + " class names, got " + classNames.length
              + " " + Arrays.toString(classNames));
    }
    return classNames;
  }

  private void checkClass(int c) {
    if (c < 0 || c >= k) {
      throw new IndexOutOfBoundsException(
          "ConfusionMatrix: class " + c + " is outside [0, " + k + ")");
    }
  }

  private static double ratio(long num, long den) {
    return den == 0 ? 0.0 : (double) num / den;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConfusionMatrix m && m.k == k && Arrays.equals(m.counts, counts);
  }

  @Override
  public int hashCode() {
    return 31 * k + Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    return toText();
  }
}
