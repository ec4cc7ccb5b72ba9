package dev.lernwerk.train.metric;

import dev.lernwerk.tensor.DType;
import dev.lernwerk.tensor.Shape;
import dev.lernwerk.tensor.Tensor;
import java.util.Arrays;

/**
 * Metrics as pure functions of model outputs and targets. Every one has a streaming twin
 * implementing {@link Metric} that gives the same number when fed the data batch by batch.
 *
 * <p>Classification functions take either scores of shape {@code (N, C)} (logits or
 * probabilities; the prediction is the argmax over the last dim, the first maximum on ties) or
 * predicted class indices of shape {@code (N)}, against labels of shape {@code (N)} (int32, bool,
 * or float holding whole numbers). Extra leading dims are allowed: {@code (B, T, C)} against
 * {@code (B, T)}. Regression functions compare elementwise and never broadcast: shapes must match,
 * except for size-1 dims ({@code [N, 1]} against {@code [N]}).
 *
 * <pre>{@code
 * double acc = Metrics.accuracy(logits, labels);            // logits (N, C), labels (N)
 * ConfusionMatrix cm = Metrics.confusionMatrix(logits, labels, 10);
 * System.out.print(Metrics.classificationReport(cm, classNames));
 * double r2 = Metrics.r2(pred, target);
 * double auc = Metrics.roc(probs, isPositive).auc();
 * }</pre>
 */
public final class Metrics {
  private Metrics() {}

  // ---------------------------------------------------------------- classification

  /**
   * Fraction of correct predictions: {@code mean(pred == label)}.
   *
   * @param logitsOrPreds scores {@code (N, C)} or predicted classes {@code (N)}
   * @param labels true classes {@code (N)}
   */
  public static double accuracy(Tensor logitsOrPreds, Tensor labels) {
    int[] p = Inputs.predictions("accuracy", logitsOrPreds, labels);
    int[] y = Inputs.classes("accuracy", "labels", labels);
    Inputs.checkNotEmpty("accuracy", y.length);
    return (double) countEqual(p, y) / y.length;
  }

  /** {@code 1 - accuracy}: the fraction of wrong predictions. */
  public static double errorRate(Tensor logitsOrPreds, Tensor labels) {
    return 1.0 - accuracy(logitsOrPreds, labels);
  }

  /**
   * Fraction of samples whose true class is among the {@code k} highest scores. The rank of the
   * true class counts the classes with a higher score, plus those with an equal score and a lower
   * index (the argmax tie rule), so top-1 accuracy equals {@link #accuracy}.
   *
   * @param scores {@code (N, C)} logits or probabilities
   * @param labels {@code (N)} true classes
   */
  public static double topKAccuracy(Tensor scores, Tensor labels, int k) {
    long[] ct = topKCounts("topKAccuracy", scores, labels, k);
    Inputs.checkNotEmpty("topKAccuracy", (int) ct[1]);
    return (double) ct[0] / ct[1];
  }

  /**
   * The confusion matrix of predictions against labels: {@code C[actual][predicted]} counts.
   *
   * @param preds scores {@code (N, C)} or predicted classes {@code (N)}
   * @param labels true classes {@code (N)}, each in {@code [0, numClasses)}
   */
  public static ConfusionMatrix confusionMatrix(Tensor preds, Tensor labels, int numClasses) {
    Inputs.checkNumClasses("confusionMatrix", numClasses);
    int[] counts = new int[numClasses * numClasses];
    addCounts("confusionMatrix", counts, numClasses, preds, labels);
    return new ConfusionMatrix(numClasses, counts);
  }

  /** Precision, recall, F1 and support per class plus averages, laid out like sklearn's report. */
  public static String classificationReport(ConfusionMatrix cm, String[] classNames) {
    return cm.report(classNames);
  }

  /** Predicted classes {@code (...)} (int32): the argmax of scores {@code (..., C)} over the last dim. */
  public static Tensor predictedClasses(Tensor scores) {
    if (scores.dim() == 0) {
      throw new IllegalArgumentException(
          "predictedClasses: expected scores of shape (..., C), got a 0-d tensor");
    }
    int[] s = scores.shape();
    int c = s[s.length - 1];
    int[] lead = Arrays.copyOf(s, s.length - 1);
    int rows = Shape.numel(lead);
    if (c == 0) {
      throw new IllegalArgumentException(
          "predictedClasses: scores of shape " + Shape.str(s) + " have no classes");
    }
    return Tensor.wrapInts(Inputs.argmaxRows(scores.toFloatArray(), rows, c), lead);
  }

  // ---------------------------------------------------------------- language models

  /**
   * Cross-entropy of each sample, {@code -log softmax(logits)[label]}, computed stably in double.
   *
   * @param logits {@code (..., C)}
   * @param labels {@code (...)} classes in {@code [0, C)}
   * @return float tensor of the labels' shape
   */
  public static Tensor crossEntropyPerSample(Tensor logits, Tensor labels) {
    double[] nll = nll("crossEntropyPerSample", logits, labels);
    float[] f = new float[nll.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) nll[i];
    }
    return Tensor.wrap(f, labels.shape());
  }

  /** Mean cross-entropy (negative log-likelihood in nats) of the labels under softmax(logits). */
  public static double crossEntropy(Tensor logits, Tensor labels) {
    double[] nll = nll("crossEntropy", logits, labels);
    Inputs.checkNotEmpty("crossEntropy", nll.length);
    double s = 0;
    for (double v : nll) {
      s += v;
    }
    return s / nll.length;
  }

  /**
   * Perplexity {@code exp(meanNll)}: the effective number of equally likely choices per token.
   * A uniform guess over V tokens has mean NLL {@code ln V} and perplexity V.
   *
   * @param meanNll mean negative log-likelihood per token, in nats
   */
  public static double perplexity(double meanNll) {
    if (Double.isNaN(meanNll)) {
      throw new IllegalArgumentException("perplexity: mean NLL is NaN");
    }
    return Math.exp(meanNll);
  }

  /** Perplexity of the labels under softmax(logits): {@code exp(crossEntropy(logits, labels))}. */
  public static double perplexity(Tensor logits, Tensor labels) {
    return Math.exp(crossEntropy(logits, labels));
  }

  // ---------------------------------------------------------------- regression

  /** Mean squared error {@code mean((pred - target)^2)}. */
  public static double mse(Tensor pred, Tensor target) {
    return moments("mse", pred, target).mse();
  }

  /** Root mean squared error {@code sqrt(mse)}, in the target's units. */
  public static double rmse(Tensor pred, Tensor target) {
    return Math.sqrt(mse(pred, target));
  }

  /** Mean absolute error {@code mean(|pred - target|)}. */
  public static double mae(Tensor pred, Tensor target) {
    return moments("mae", pred, target).mae();
  }

  /**
   * Coefficient of determination {@code R² = 1 - sum (y - pred)^2 / sum (y - mean y)^2}. 1 is a
   * perfect fit, 0 is no better than predicting the mean, negative is worse. For a 2-d target
   * {@code (N, D)} R² is computed per column and averaged (sklearn's {@code uniform_average}). A
   * constant target gives 1 when matched exactly, else 0 (sklearn's {@code force_finite}).
   */
  public static double r2(Tensor pred, Tensor target) {
    Inputs.checkSameValues("r2", pred, target);
    int d = Inputs.columns(target);
    double[] x = Inputs.doubles(pred);
    double[] y = Inputs.doubles(target);
    Inputs.checkNotEmpty("r2", y.length);
    double s = 0;
    for (int c = 0; c < d; c++) {
      var m = new PairMoments();
      m.add(x, y, c, d, y.length / d);
      s += m.r2();
    }
    return s / d;
  }

  /**
   * Pearson's correlation {@code r = cov(x, y) / (std x std y)} over all elements, in [-1, 1];
   * NaN when either input is constant.
   */
  public static double pearson(Tensor x, Tensor y) {
    return moments("pearson", x, y).pearson();
  }

  private static PairMoments moments(String op, Tensor pred, Tensor target) {
    Inputs.checkSameValues(op, pred, target);
    double[] x = Inputs.doubles(pred);
    double[] y = Inputs.doubles(target);
    Inputs.checkNotEmpty(op, y.length);
    var m = new PairMoments();
    m.add(x, y, 0, 1, y.length);
    return m;
  }

  // ---------------------------------------------------------------- ranking

  /**
   * The ROC curve and its AUC for a binary problem (see {@link RocCurve} for the tie rules).
   *
   * @param scores {@code (N)} scores of the positive class (higher = more positive), or
   *     {@code (N, 2)} class probabilities/logits whose column 1 is used
   * @param binaryLabels {@code (N)} 0 (negative) or 1 (positive)
   */
  public static RocCurve roc(Tensor scores, Tensor binaryLabels) {
    Tensor s = scores;
    if (s.dim() == 2 && s.size(1) == 2) {
      s = s.select(1, 1);
    }
    if (s.dim() != 1 || binaryLabels.numel() != s.numel()) {
      throw new IllegalArgumentException(
          "roc: expected scores (N) or (N, 2) and labels (N), got scores " + Shape.str(scores.shape())
              + " and labels " + Shape.str(binaryLabels.shape()));
    }
    return RocCurve.of("roc", Inputs.doubles(s), Inputs.classes("roc", "labels", binaryLabels));
  }

  /** Area under the ROC curve: {@code roc(scores, binaryLabels).auc()}. */
  public static double rocAuc(Tensor scores, Tensor binaryLabels) {
    return roc(scores, binaryLabels).auc();
  }

  /** Area under a curve by the trapezoid rule; {@code x} must be monotonic. */
  public static double trapezoid(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "trapezoid: x has " + x.length + " points, y has " + y.length);
    }
    double a = 0;
    for (int i = 1; i < x.length; i++) {
      a += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2;
    }
    return a;
  }

  // ---------------------------------------------------------------- overlap

  /**
   * Intersection over union of two binary masks (any equal shapes, values 0 or 1):
   * {@code |A ∩ B| / |A ∪ B|}; 1 when both masks are empty.
   */
  public static double iou(Tensor predMask, Tensor targetMask) {
    long[] c = maskCounts("iou", predMask, targetMask);
    long union = c[1] + c[2] - c[0];
    return union == 0 ? 1.0 : (double) c[0] / union;
  }

  /**
   * Dice coefficient of two binary masks: {@code 2 |A ∩ B| / (|A| + |B|)} (the F1 of the pixels);
   * 1 when both masks are empty.
   */
  public static double dice(Tensor predMask, Tensor targetMask) {
    long[] c = maskCounts("dice", predMask, targetMask);
    long s = c[1] + c[2];
    return s == 0 ? 1.0 : 2.0 * c[0] / s;
  }

  /**
   * IoU of two boxes given as {@code (x1, y1, x2, y2)} with {@code x1 <= x2, y1 <= y2}
   * (continuous coordinates: area = (x2 - x1)(y2 - y1)); 0 when the union is empty.
   */
  public static double boxIou(double[] a, double[] b) {
    checkBox("boxIou", a, "a");
    checkBox("boxIou", b, "b");
    double inter = intersection(a, b);
    double union = area(a) + area(b) - inter;
    return union <= 0 ? 0 : inter / union;
  }

  /** Dice of two boxes {@code (x1, y1, x2, y2)}: {@code 2 inter / (area a + area b)}. */
  public static double boxDice(double[] a, double[] b) {
    checkBox("boxDice", a, "a");
    checkBox("boxDice", b, "b");
    double s = area(a) + area(b);
    return s <= 0 ? 0 : 2 * intersection(a, b) / s;
  }

  /**
   * Pairwise IoU of two sets of boxes, like torchvision's {@code box_iou}.
   *
   * @param a {@code (N, 4)} boxes {@code (x1, y1, x2, y2)}
   * @param b {@code (M, 4)} boxes
   * @return {@code (N, M)} float tensor of IoUs
   */
  public static Tensor boxIou(Tensor a, Tensor b) {
    return pairwise("boxIou", a, b, true);
  }

  /** Pairwise Dice of two sets of boxes {@code (N, 4)} and {@code (M, 4)}: an {@code (N, M)} tensor. */
  public static Tensor boxDice(Tensor a, Tensor b) {
    return pairwise("boxDice", a, b, false);
  }

  // ---------------------------------------------------------------- helpers shared with the accumulators

  static int countEqual(int[] p, int[] y) {
    int c = 0;
    for (int i = 0; i < y.length; i++) {
      if (p[i] == y[i]) {
        c++;
      }
    }
    return c;
  }

  /** {correct, total} for top-k accuracy. */
  static long[] topKCounts(String op, Tensor scores, Tensor labels, int k) {
    int[] ss = scores.shape();
    if (scores.dim() != labels.dim() + 1
        || !Arrays.equals(Arrays.copyOf(ss, labels.dim()), labels.shape())) {
      throw new IllegalArgumentException(
          op + ": expected scores (N, C) and labels (N), got scores " + Shape.str(ss)
              + " and labels " + Shape.str(labels.shape()));
    }
    int c = ss[ss.length - 1];
    if (k < 1) {
      throw new IllegalArgumentException(op + ": expected k >= 1, got k=" + k);
    }
    int[] y = Inputs.classes(op, "labels", labels);
    Inputs.checkRange(op, "label", y, c);
    float[] s = scores.toFloatArray();
    long correct = 0;
    for (int i = 0; i < y.length; i++) {
      int base = i * c;
      float t = s[base + y[i]];
      int rank = 0;
      for (int j = 0; j < c && rank < k; j++) {
        float v = s[base + j];
        if (v > t || (v == t && j < y[i])) {
          rank++;
        }
      }
      if (rank < k) {
        correct++;
      }
    }
    return new long[] {correct, y.length};
  }

  static void addCounts(String op, int[] counts, int k, Tensor preds, Tensor labels) {
    int[] p = Inputs.predictions(op, preds, labels);
    int[] y = Inputs.classes(op, "labels", labels);
    Inputs.checkRange(op, "label", y, k);
    Inputs.checkRange(op, "prediction", p, k);
    for (int i = 0; i < y.length; i++) {
      counts[y[i] * k + p[i]]++;
    }
  }

  static double[] nll(String op, Tensor logits, Tensor labels) {
    int[] ls = logits.shape();
    if (logits.dim() != labels.dim() + 1
        || !Arrays.equals(Arrays.copyOf(ls, labels.dim()), labels.shape())) {
      throw new IllegalArgumentException(
          op + ": expected logits (..., C) and labels (...), got logits " + Shape.str(ls)
              + " and labels " + Shape.str(labels.shape()));
    }
    int c = ls[ls.length - 1];
    int[] y = Inputs.classes(op, "labels", labels);
    Inputs.checkRange(op, "label", y, c);
    float[] z = logits.toFloatArray();
    double[] out = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      int base = i * c;
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < c; j++) {
        max = Math.max(max, z[base + j]);
      }
      double sum = 0;
      for (int j = 0; j < c; j++) {
        sum += Math.exp(z[base + j] - max);
      }
      out[i] = max + Math.log(sum) - z[base + y[i]];
    }
    return out;
  }

  private static long[] maskCounts(String op, Tensor pred, Tensor target) {
    Inputs.checkSameValues(op, pred, target);
    int[] p = binary(op, "prediction mask", pred);
    int[] t = binary(op, "target mask", target);
    long inter = 0;
    long np = 0;
    long nt = 0;
    for (int i = 0; i < p.length; i++) {
      inter += p[i] & t[i];
      np += p[i];
      nt += t[i];
    }
    return new long[] {inter, np, nt};
  }

  private static int[] binary(String op, String what, Tensor m) {
    float[] f = m.toFloatArray();
    int[] v = new int[f.length];
    for (int i = 0; i < f.length; i++) {
      if (f[i] != 0 && f[i] != 1) {
        String got = m.dtype() == DType.FLOAT32 ? Float.toString(f[i]) : Integer.toString((int) f[i]);
        throw new IllegalArgumentException(
            op + ": " + what + " values must be 0 or 1, got " + got + " at flat index " + i
                + " (threshold probabilities first, e.g. probs.gt(0.5))");
      }
      v[i] = (int) f[i];
    }
    return v;
  }

  private static void checkBox(String op, double[] b, String name) {
    if (b.length != 4) {
      throw new IllegalArgumentException(
          op + ": box " + name + " must have 4 coordinates (x1, y1, x2, y2), got " + b.length);
    }
    if (!(b[2] >= b[0] && b[3] >= b[1])) {
      throw new IllegalArgumentException(
          op + ": box " + name + " " + Arrays.toString(b) + " is not (x1, y1, x2, y2) with "
              + "x1 <= x2 and y1 <= y2");
    }
  }

  private static double area(double[] b) {
    return (b[2] - b[0]) * (b[3] - b[1]);
  }

  private static double intersection(double[] a, double[] b) {
    double w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
    double h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
    return w <= 0 || h <= 0 ? 0 : w * h;
  }

  private static Tensor pairwise(String op, Tensor a, Tensor b, boolean iou) {
    for (Tensor t : new Tensor[] {a, b}) {
      if (t.dim() != 2 || t.size(1) != 4) {
        throw new IllegalArgumentException(
            op + ": expected boxes of shape (N, 4) as (x1, y1, x2, y2), got "
                + Shape.str(t.shape()));
      }
    }
    int n = a.size(0);
    int m = b.size(0);
    double[][] ba = boxes(a);
    double[][] bb = boxes(b);
    for (int i = 0; i < n; i++) {
      checkBox(op, ba[i], "a[" + i + "]");
    }
    for (int j = 0; j < m; j++) {
      checkBox(op, bb[j], "b[" + j + "]");
    }
    float[] out = new float[n * m];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        out[i * m + j] = (float) (iou ? boxIou(ba[i], bb[j]) : boxDice(ba[i], bb[j]));
      }
    }
    return Tensor.wrap(out, n, m);
  }

  private static double[][] boxes(Tensor t) {
    float[] f = t.toFloatArray();
    double[][] r = new double[t.size(0)][4];
    for (int i = 0; i < r.length; i++) {
      for (int j = 0; j < 4; j++) {
        r[i][j] = f[i * 4 + j];
      }
    }
    return r;
  }
}
