package dev.lernwerk.nn.loss;

/** Constructor checks shared by the loss classes. */
final class Checks {
  private Checks() {}

  static Reduction reduction(String loss, Reduction r) {
    if (r == null) {
      throw new IllegalArgumentException(loss + ": reduction must not be null");
    }
    if (r == Reduction.BATCHMEAN) {
      throw new IllegalArgumentException(
          loss + ": reduction BATCHMEAN is only defined for KLDivLoss; use MEAN, SUM or NONE");
    }
    return r;
  }
}
