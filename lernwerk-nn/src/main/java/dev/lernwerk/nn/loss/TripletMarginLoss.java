package dev.lernwerk.nn.loss;

import dev.lernwerk.nn.functional.F;
import dev.lernwerk.tensor.Tensor;

/**
 * Triplet margin loss for metric learning (LO-11): {@code max(d(a, p) - d(a, n) + margin, 0)} with
 * {@code d(u, v) = ||u - v + eps||_p}; pulls the positive closer to the anchor than the negative by
 * at least the margin. Inputs (N, D) or (D).
 */
public final class TripletMarginLoss {
  private final double margin;
  private final double p;
  private final double eps;
  private final boolean swap;
  private final Reduction reduction;

  /** margin 1, p 2, eps 1e-6, no swap, MEAN (PyTorch defaults). */
  public TripletMarginLoss() {
    this(1.0, 2.0);
  }

  /** The given margin and norm degree, other settings default. */
  public TripletMarginLoss(double margin, double p) {
    this(margin, p, 1e-6, false, Reduction.MEAN);
  }

  /** All settings; {@code swap} uses min(d(a, n), d(p, n)) as the negative distance. */
  public TripletMarginLoss(double margin, double p, double eps, boolean swap, Reduction reduction) {
    if (!(p > 0)) {
      throw new IllegalArgumentException("TripletMarginLoss: p must be > 0, got " + p);
    }
    this.margin = margin;
    this.p = p;
    this.eps = eps;
    this.swap = swap;
    this.reduction = Checks.reduction("TripletMarginLoss", reduction);
  }

  /** The loss of (anchor, positive, negative) embeddings of equal shape. */
  public Tensor apply(Tensor anchor, Tensor positive, Tensor negative) {
    return F.tripletMarginLoss(anchor, positive, negative, margin, p, eps, swap, reduction);
  }
}
