package dev.lernwerk.train.diagnose;

import java.util.List;
import java.util.Locale;

/**
 * The result of {@link LossCurve#diagnose(double[])}: the verdict, a sentence with the numbers
 * behind it, the likely causes and the measured evidence.
 */
public record Diagnosis(
    Verdict verdict, String explanation, List<String> likelyCauses, Evidence evidence) {

  /** Copies the causes into an unmodifiable list. */
  public Diagnosis {
    likelyCauses = List.copyOf(likelyCauses);
  }

  /**
   * The numbers the rules look at. Relative quantities are fractions of {@code |start|}.
   *
   * @param steps number of loss values
   * @param start mean of the first tenth of the curve (at least one value)
   * @param end mean of the last tenth
   * @param min minimum of the smoothed curve
   * @param minIndex index of that minimum
   * @param relativeChange {@code (end - start) / |start|}: negative when the loss fell
   * @param tailChange change over the last third predicted by a least-squares line, {@code / |start|}
   * @param signChangeRate fraction of consecutive steps whose direction flips (0 = monotone,
   *     about 2/3 for pure noise, 1 = zig-zag)
   * @param jitter root-mean-square distance of the raw curve from the smoothed one, {@code / |start|}
   * @param firstNonFinite index of the first NaN or infinite value, -1 when all are finite
   */
  public record Evidence(
      int steps,
      double start,
      double end,
      double min,
      int minIndex,
      double relativeChange,
      double tailChange,
      double signChangeRate,
      double jitter,
      int firstNonFinite) {}

  /** A readable multi-line summary: verdict, explanation, causes. */
  public String toText() {
    var sb = new StringBuilder();
    sb.append(verdict).append(": ").append(explanation).append('\n');
    for (String c : likelyCauses) {
      sb.append("  - ").append(c).append('\n');
    }
    sb.append(String.format(Locale.ROOT,
        "  (start %.4g, end %.4g, min %.4g at %d, change %+.1f%%, last-third trend %+.1f%%, "
            + "direction flips %.0f%%, jitter %.1f%%)%n",
        evidence.start(), evidence.end(), evidence.min(), evidence.minIndex(),
        100 * evidence.relativeChange(), 100 * evidence.tailChange(),
        100 * evidence.signChangeRate(), 100 * evidence.jitter()));
    return sb.toString();
  }
}
