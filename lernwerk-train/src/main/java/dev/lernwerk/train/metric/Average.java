package dev.lernwerk.train.metric;

/**
 * How per-class precision, recall and F1 are combined into one number (sklearn's {@code average}).
 */
public enum Average {
  /** Unweighted mean over the classes that occur in the labels or the predictions. */
  MACRO,
  /** Computed from the summed counts of all classes; equals accuracy for single-label data. */
  MICRO,
  /** Mean over classes weighted by their support (number of true samples). */
  WEIGHTED;

  /** Lower-case name used in metric names, e.g. {@code f1_macro}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
