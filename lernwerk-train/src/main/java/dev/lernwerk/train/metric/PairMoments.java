package dev.lernwerk.train.metric;

/**
 * Running first and second moments of (prediction x, target y) pairs, in double.
 *
 * <p>Each batch is summarised in two passes (means, then centred sums) and merged into the running
 * state with Chan et al.'s pairwise update, so streaming over uneven batches is numerically as good
 * as one pass over all data:
 *
 * <pre>
 * n = na + nb,  d = mean_b - mean_a,  mean = mean_a + d nb / n,
 * M2 = M2_a + M2_b + d^2 na nb / n,   Cxy = Cxy_a + Cxy_b + dx dy na nb / n
 * </pre>
 */
final class PairMoments {
  long n;
  double meanX;
  double meanY;
  double m2x;
  double m2y;
  double cxy;
  /** Sum of squared errors {@code sum (x - y)^2}. */
  double sse;
  /** Sum of absolute errors {@code sum |x - y|}. */
  double sae;

  void reset() {
    n = 0;
    meanX = meanY = m2x = m2y = cxy = sse = sae = 0;
  }

  /** Adds the pairs {@code x[off + i*stride], y[off + i*stride]} for {@code i < count}. */
  void add(double[] x, double[] y, int off, int stride, int count) {
    if (count == 0) {
      return;
    }
    double sx = 0;
    double sy = 0;
    for (int i = 0, k = off; i < count; i++, k += stride) {
      sx += x[k];
      sy += y[k];
    }
    double bx = sx / count;
    double by = sy / count;
    double bm2x = 0;
    double bm2y = 0;
    double bcxy = 0;
    double bsse = 0;
    double bsae = 0;
    for (int i = 0, k = off; i < count; i++, k += stride) {
      double dx = x[k] - bx;
      double dy = y[k] - by;
      bm2x += dx * dx;
      bm2y += dy * dy;
      bcxy += dx * dy;
      double e = x[k] - y[k];
      bsse += e * e;
      bsae += Math.abs(e);
    }
    long na = n;
    long total = na + count;
    double dx = bx - meanX;
    double dy = by - meanY;
    double w = (double) na * count / total;
    meanX += dx * count / total;
    meanY += dy * count / total;
    m2x += bm2x + dx * dx * w;
    m2y += bm2y + dy * dy * w;
    cxy += bcxy + dx * dy * w;
    sse += bsse;
    sae += bsae;
    n = total;
  }

  double mse() {
    return n == 0 ? Double.NaN : sse / n;
  }

  double mae() {
    return n == 0 ? Double.NaN : sae / n;
  }

  /** R² = 1 - SSE / SS_tot; a constant target gives 1 when fitted exactly, else 0 (as sklearn). */
  double r2() {
    if (n == 0) {
      return Double.NaN;
    }
    if (m2y == 0) {
      return sse == 0 ? 1.0 : 0.0;
    }
    return 1.0 - sse / m2y;
  }

  /** Pearson's r = Cxy / sqrt(M2x M2y); NaN when either side is constant (as scipy). */
  double pearson() {
    if (n < 2 || m2x == 0 || m2y == 0) {
      return Double.NaN;
    }
    double r = cxy / Math.sqrt(m2x * m2y);
    return Math.max(-1.0, Math.min(1.0, r));
  }
}
