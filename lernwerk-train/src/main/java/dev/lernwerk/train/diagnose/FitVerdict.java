package dev.lernwerk.train.diagnose;

import dev.lernwerk.train.metric.TextTable;
import java.util.ArrayList;
import java.util.List;

/**
 * A bias/variance readout from one metric measured on the training, validation and (optionally)
 * test split.
 *
 * <p>With every score turned into an error (negated when higher is better):
 *
 * <pre>
 * avoidable bias = error(train) - error(baseline)   // how far training falls short of the best achievable
 * variance       = error(valid) - error(train)      // how much worse unseen data is
 * test gap       = error(test)  - error(valid)      // > 0: validation overused for model selection
 * </pre>
 *
 * A gap counts as large when it exceeds the tolerance. Large bias only: {@link Fit#UNDERFITTING};
 * large variance only: {@link Fit#OVERFITTING}; both: {@link Fit#UNDERFITTING_AND_OVERFITTING};
 * neither: {@link Fit#GOOD_FIT}. The baseline is the best score one can hope for (human-level
 * performance, a strong reference model); without one the perfect score is used: 1 when higher is
 * better (accuracy, F1, AUC, R², IoU), 0 when lower is better (error rate, loss, MSE).
 *
 * <pre>{@code
 * FitVerdict v = FitVerdict.of(0.99, 0.85, null, true, null);   // train and valid accuracy
 * v.fit();           // OVERFITTING: variance 0.14 > tolerance 0.02
 * System.out.print(v.toText());
 * }</pre>
 *
 * @param fit the verdict
 * @param train the training score
 * @param valid the validation score
 * @param test the test score, NaN when not given
 * @param baseline the best achievable score used for the bias
 * @param avoidableBias error(train) - error(baseline), in the metric's units
 * @param variance error(valid) - error(train)
 * @param testGap error(test) - error(valid), NaN without a test score
 * @param tolerance the largest gap that still counts as small
 * @param explanation one paragraph with the numbers
 * @param remedies what to try, the most pressing first
 */
public record FitVerdict(
    Fit fit,
    double train,
    double valid,
    double test,
    double baseline,
    double avoidableBias,
    double variance,
    double testGap,
    double tolerance,
    String explanation,
    List<String> remedies) {

  /** Default tolerance, in the metric's units: two percentage points of accuracy. */
  public static final double DEFAULT_TOLERANCE = 0.02;

  /** The four bias/variance outcomes. */
  public enum Fit {
    /** Small bias and small variance. */
    GOOD_FIT,
    /** High bias: even the training score is far from the baseline. */
    UNDERFITTING,
    /** High variance: the validation score is far worse than the training score. */
    OVERFITTING,
    /** High bias and high variance. */
    UNDERFITTING_AND_OVERFITTING
  }

  /** Copies the remedies into an unmodifiable list. */
  public FitVerdict {
    remedies = List.copyOf(remedies);
  }

  /** Readout from train and validation scores against the perfect score. */
  public static FitVerdict of(double train, double valid, boolean higherIsBetter) {
    return of(train, valid, null, higherIsBetter, null, DEFAULT_TOLERANCE);
  }

  /**
   * Readout with an optional test score and baseline (null for none; the baseline then is the
   * perfect score) and the default tolerance.
   */
  public static FitVerdict of(
      double train, double valid, Double test, boolean higherIsBetter, Double baseline) {
    return of(train, valid, test, higherIsBetter, baseline, DEFAULT_TOLERANCE);
  }

  /** Readout with an explicit tolerance in the metric's units (use it for losses and MSE). */
  public static FitVerdict of(double train, double valid, Double test, boolean higherIsBetter,
      Double baseline, double tolerance) {
    check("train", train);
    check("valid", valid);
    if (test != null) {
      check("test", test);
    }
    if (baseline != null) {
      check("baseline", baseline);
    }
    if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
      throw new IllegalArgumentException(
          "FitVerdict: tolerance must be a finite number >= 0, got " + tolerance);
    }
    double sign = higherIsBetter ? -1 : 1;
    double base = baseline != null ? baseline : (higherIsBetter ? 1.0 : 0.0);
    double bias = sign * (train - base);
    double variance = sign * (valid - train);
    double testGap = test == null ? Double.NaN : sign * (test - valid);
    boolean highBias = bias > tolerance;
    boolean highVariance = variance > tolerance;
    Fit fit = highBias && highVariance ? Fit.UNDERFITTING_AND_OVERFITTING
        : highBias ? Fit.UNDERFITTING
        : highVariance ? Fit.OVERFITTING
        : Fit.GOOD_FIT;
    String worse = higherIsBetter ? "below" : "above";
    var why = new StringBuilder();
    why.append("train ").append(n(train)).append(" is ").append(n(Math.abs(bias))).append(' ')
        .append(bias >= 0 ? worse : (higherIsBetter ? "above" : "below")).append(" the baseline ")
        .append(n(base)).append(" (avoidable bias ").append(highBias ? "large" : "small")
        .append("); valid ").append(n(valid)).append(" is ").append(n(Math.abs(variance)))
        .append(' ').append(variance >= 0 ? worse : (higherIsBetter ? "above" : "below"))
        .append(" train (variance ").append(highVariance ? "large" : "small")
        .append("); tolerance ").append(n(tolerance)).append('.');
    var remedies = new ArrayList<String>();
    switch (fit) {
      case GOOD_FIT -> remedies.add(
          "nothing urgent: the model fits the training data and generalises to validation");
      case UNDERFITTING -> remedies.addAll(BIAS_REMEDIES);
      case OVERFITTING -> remedies.addAll(VARIANCE_REMEDIES);
      case UNDERFITTING_AND_OVERFITTING -> {
        why.append(bias >= variance ? " The bias is the larger gap: fix it first."
            : " The variance is the larger gap: fix it first.");
        // only remedies that help both ways: no "less regularisation" or "smaller model"
        remedies.addAll(bias >= variance ? BOTH_BIAS_FIRST : BOTH_VARIANCE_FIRST);
      }
    }
    if (test != null) {
      why.append(" Test ").append(n(test)).append(" is ").append(n(Math.abs(testGap))).append(' ')
          .append(testGap >= 0 ? worse : (higherIsBetter ? "above" : "below")).append(" valid.");
      if (testGap > tolerance) {
        remedies.add("test is clearly worse than validation: the validation split was probably "
            + "used too often for model selection; judge with a fresh split");
      }
    }
    return new FitVerdict(fit, train, valid, test == null ? Double.NaN : test, base, bias,
        variance, testGap, tolerance, why.toString(), remedies);
  }

  private static final List<String> BIAS_REMEDIES = List.of(
      "a bigger model (more layers or units)",
      "train longer, or tune the learning rate and optimizer",
      "less regularisation (weight decay, dropout)",
      "better input features");

  private static final List<String> BOTH_BIAS_FIRST = List.of(
      "a bigger model (more layers or units), kept in check by regularisation",
      "train longer, or tune the learning rate and optimizer",
      "more training data, or data augmentation",
      "early stopping on the validation metric");

  private static final List<String> BOTH_VARIANCE_FIRST = List.of(
      "more training data, or data augmentation",
      "regularisation (weight decay, dropout) on a model big enough to fit the training data",
      "early stopping on the validation metric",
      "train longer, or tune the learning rate and optimizer");

  private static final List<String> VARIANCE_REMEDIES = List.of(
      "more training data, or data augmentation",
      "regularisation (weight decay, dropout)",
      "early stopping on the validation metric",
      "a smaller model");

  /** A readable multi-line summary: verdict, explanation, remedies. */
  public String toText() {
    var sb = new StringBuilder();
    sb.append(fit).append(": ").append(explanation).append('\n');
    for (String r : remedies) {
      sb.append("  - ").append(r).append('\n');
    }
    return sb.toString();
  }

  private static void check(String what, double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("FitVerdict: " + what + " score must be finite, got " + v);
    }
  }

  private static String n(double v) {
    return TextTable.number(v);
  }
}
