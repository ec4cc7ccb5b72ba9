package dev.lernwerk.train.diagnose;

import dev.lernwerk.train.diagnose.Diagnosis.Evidence;
import java.util.List;
import java.util.Locale;

/**
 * Reads a training-loss curve (one value per step or per epoch) and names its shape, following the
 * course's table of curve shapes and their causes.
 *
 * <p>Measurements (see {@link Evidence}); {@code w = max(1, round(n / 10))}:
 *
 * <ul>
 *   <li>start S and end E: means of the first and last {@code w} values; {@code scale = |S|};
 *   <li>the smoothed curve: centred moving average of width {@code w}; its minimum m;
 *   <li>relative change {@code (E - S) / scale};
 *   <li>tail change: slope of a least-squares line through the last third ({@code >= 2} values)
 *       times its length, {@code / scale};
 *   <li>sign-change rate: fraction of consecutive differences whose sign flips;
 *   <li>jitter: RMS of (raw - smoothed) {@code / scale}.
 * </ul>
 *
 * <p>Rules, first match wins:
 *
 * <ol>
 *   <li>{@link Verdict#EXPLODING}: a NaN/Inf value, or {@code E >= 10 S}, or a value {@code >= 100 S}
 *       or {@code >= 100} times the first value anywhere (growth by orders of magnitude; the first
 *       value catches a blow-up inside the first tenth, which would inflate S);
 *   <li>{@link Verdict#OSCILLATING}: sign-change rate {@code >= 0.4}, jitter {@code >= 0.10} and
 *       jitter {@code >= 0.5 |relative change|} (the jumps are larger than the progress);
 *   <li>{@link Verdict#RISING}: relative change {@code >= +0.10}, or a rising tail (tail change
 *       {@code >= +0.10}) that ends {@code >= 0.10 scale} above the minimum;
 *   <li>{@link Verdict#FALLING_TO_ZERO}: {@code E <= 0.05 min(S, first value)} (fell by 95% or more);
 *   <li>{@link Verdict#PLATEAU}: relative change {@code > -0.05} (flat from the start), or
 *       {@code |tail change| <= 0.02} (stalled above zero after falling);
 *   <li>{@link Verdict#DECREASING}: everything else (falling, still moving).
 * </ol>
 *
 * The rules assume a non-negative loss such as cross-entropy or MSE. Mini-batch losses are noisy;
 * jitter up to 10% of the start level is tolerated before a curve counts as oscillating.
 *
 * <pre>{@code
 * Diagnosis d = LossCurve.diagnose(history.losses());
 * System.out.print(d.toText());   // PLATEAU: the loss hardly changes ... - learning rate too low
 * }</pre>
 */
public final class LossCurve {
  /** End at least this many times the start: exploding. */
  public static final double EXPLODE_FACTOR = 10;
  /** A single value at least this many times the start: exploding. */
  public static final double SPIKE_FACTOR = 100;
  /** Minimum fraction of direction flips for oscillation. */
  public static final double OSCILLATION_FLIPS = 0.4;
  /** Minimum jitter (fraction of the start level) for oscillation. */
  public static final double OSCILLATION_JITTER = 0.10;
  /** Rise (fraction of the start level) that counts as rising. */
  public static final double RISE = 0.10;
  /** End level (fraction of the start) below which the loss has fallen to zero. */
  public static final double NEAR_ZERO = 0.05;
  /** Fall (fraction of the start) below which the curve counts as flat. */
  public static final double FLAT = 0.05;
  /** Tail change (fraction of the start) below which a falling curve has stalled. */
  public static final double STALLED = 0.02;

  private LossCurve() {}

  /** Diagnoses a loss curve; needs at least 3 values. */
  public static Diagnosis diagnose(List<? extends Number> losses) {
    double[] v = new double[losses.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = losses.get(i).doubleValue();
    }
    return diagnose(v);
  }

  /** Diagnoses a loss curve; needs at least 3 values. */
  public static Diagnosis diagnose(double[] losses) {
    int n = losses.length;
    if (n < 3) {
      throw new IllegalArgumentException(
          "LossCurve.diagnose: need at least 3 loss values to read a curve, got " + n);
    }
    int firstBad = -1;
    for (int i = 0; i < n && firstBad < 0; i++) {
      if (!Double.isFinite(losses[i])) {
        firstBad = i;
      }
    }
    double[] x = firstBad < 0 ? losses : java.util.Arrays.copyOf(losses, Math.max(firstBad, 1));
    Evidence ev = measure(x, firstBad, n);
    if (firstBad >= 0) {
      return result(Verdict.EXPLODING, ev, String.format(Locale.ROOT,
          "value %d of %d is %s (the last finite value was %s)", firstBad, n,
          losses[firstBad], firstBad > 0 ? fmt(losses[firstBad - 1]) : "none"));
    }
    double scale = Math.max(Math.abs(ev.start()), 1e-12);
    double max = Double.NEGATIVE_INFINITY;
    int maxIndex = 0;
    for (int i = 0; i < n; i++) {
      if (x[i] > max) {
        max = x[i];
        maxIndex = i;
      }
    }
    double rel = ev.relativeChange();
    if (ev.end() - ev.start() >= (EXPLODE_FACTOR - 1) * scale) {
      return result(Verdict.EXPLODING, ev, String.format(Locale.ROOT,
          "the loss grew %.3gx, from %s to %s", ev.end() / ev.start(), fmt(ev.start()),
          fmt(ev.end())));
    }
    if (max - ev.start() >= (SPIKE_FACTOR - 1) * scale) {
      return result(Verdict.EXPLODING, ev, String.format(Locale.ROOT,
          "the loss spiked to %s at step %d, %.3gx its start %s", fmt(max), maxIndex,
          max / ev.start(), fmt(ev.start())));
    }
    if (x[0] > 0 && max >= SPIKE_FACTOR * x[0]) {
      return result(Verdict.EXPLODING, ev, String.format(Locale.ROOT,
          "the loss spiked to %s at step %d, %.3gx its first value %s", fmt(max), maxIndex,
          max / x[0], fmt(x[0])));
    }
    if (ev.signChangeRate() >= OSCILLATION_FLIPS && ev.jitter() >= OSCILLATION_JITTER
        && ev.jitter() >= 0.5 * Math.abs(rel)) {
      return result(Verdict.OSCILLATING, ev, String.format(Locale.ROOT,
          "it changes direction in %.0f%% of steps with jumps of about %.0f%% of its level, "
              + "while its overall change is %+.1f%%",
          100 * ev.signChangeRate(), 100 * ev.jitter(), 100 * rel));
    }
    if (rel >= RISE) {
      return result(Verdict.RISING, ev, String.format(Locale.ROOT,
          "the loss ended %.0f%% above its start (%s -> %s)", 100 * rel, fmt(ev.start()),
          fmt(ev.end())));
    }
    if (ev.tailChange() >= RISE && ev.end() - ev.min() >= RISE * scale) {
      return result(Verdict.RISING, ev, String.format(Locale.ROOT,
          "the loss fell to %s at step %d, then rose again to %s", fmt(ev.min()), ev.minIndex(),
          fmt(ev.end())));
    }
    if (ev.start() > 0 && ev.end() <= NEAR_ZERO * Math.min(ev.start(), Math.max(x[0], 0))) {
      return result(Verdict.FALLING_TO_ZERO, ev, String.format(Locale.ROOT,
          "the loss fell from %s to %s (%.1f%% of its start)", fmt(ev.start()), fmt(ev.end()),
          100 * ev.end() / ev.start()));
    }
    if (rel > -FLAT) {
      return result(Verdict.PLATEAU, ev, String.format(Locale.ROOT,
          "the loss changed by only %+.1f%% over %d steps (%s -> %s)", 100 * rel, n,
          fmt(ev.start()), fmt(ev.end())));
    }
    if (Math.abs(ev.tailChange()) <= STALLED) {
      return new Diagnosis(Verdict.PLATEAU, String.format(Locale.ROOT,
          "the loss fell by %.0f%% and then stalled at %s (last third moved %+.1f%%), well above "
              + "zero", -100 * rel, fmt(ev.end()), 100 * ev.tailChange()),
          List.of("learning rate too low for this phase (or decayed too far)",
              "model too small for the data (underfitting): add capacity",
              "error in backpropagation that blocks part of the gradient"), ev);
    }
    return result(Verdict.DECREASING, ev, String.format(Locale.ROOT,
        "the loss fell by %.0f%% (%s -> %s) and is still falling (%+.1f%% over the last third)",
        -100 * rel, fmt(ev.start()), fmt(ev.end()), 100 * ev.tailChange()));
  }

  private static Diagnosis result(Verdict v, Evidence ev, String why) {
    return new Diagnosis(v, v.meaning() + ": " + why, v.causes(), ev);
  }

  /** The measurements on the finite prefix {@code x} of a curve of {@code n} values. */
  private static Evidence measure(double[] x, int firstBad, int total) {
    int n = x.length;
    int w = Math.max(1, (int) Math.round(n / 10.0));
    double start = mean(x, 0, w);
    double end = mean(x, n - w, n);
    double scale = Math.max(Math.abs(start), 1e-12);
    double[] s = smooth(x, w);
    int minIndex = 0;
    for (int i = 1; i < n; i++) {
      if (s[i] < s[minIndex]) {
        minIndex = i;
      }
    }
    double jit = 0;
    for (int i = 0; i < n; i++) {
      jit += (x[i] - s[i]) * (x[i] - s[i]);
    }
    jit = Math.sqrt(jit / n) / scale;
    int flips = 0;
    for (int i = 0; i + 2 < n; i++) {
      if ((x[i + 1] - x[i]) * (x[i + 2] - x[i + 1]) < 0) {
        flips++;
      }
    }
    double flipRate = n > 2 ? (double) flips / (n - 2) : 0;
    int t = Math.max(2, n / 3);
    double tail = t <= n ? slope(x, n - t, n) * (t - 1) / scale : 0;
    return new Evidence(total, start, end, s[minIndex], minIndex, (end - start) / scale, tail,
        flipRate, jit, firstBad);
  }

  /** Centred moving average of width {@code w}, the window shrinking at the ends. */
  static double[] smooth(double[] x, int w) {
    int n = x.length;
    int lo = w / 2;
    int hi = w - 1 - lo;
    double[] prefix = new double[n + 1];
    for (int i = 0; i < n; i++) {
      prefix[i + 1] = prefix[i] + x[i];
    }
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      int a = Math.max(0, i - lo);
      int b = Math.min(n, i + hi + 1);
      s[i] = (prefix[b] - prefix[a]) / (b - a);
    }
    return s;
  }

  private static double mean(double[] x, int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) {
      s += x[i];
    }
    return s / (to - from);
  }

  /** Least-squares slope per step of {@code x[from..to)}. */
  private static double slope(double[] x, int from, int to) {
    int m = to - from;
    double mt = (m - 1) / 2.0;
    double my = mean(x, from, to);
    double num = 0;
    double den = 0;
    for (int i = 0; i < m; i++) {
      num += (i - mt) * (x[from + i] - my);
      den += (i - mt) * (i - mt);
    }
    return den == 0 ? 0 : num / den;
  }

  private static String fmt(double v) {
    return dev.lernwerk.train.metric.TextTable.number(v);
  }
}
