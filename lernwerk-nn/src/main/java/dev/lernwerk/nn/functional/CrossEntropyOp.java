package dev.lernwerk.nn.functional;

import dev.lernwerk.autograd.Node;
import dev.lernwerk.kernel.Parallel;
import dev.lernwerk.nn.loss.Reduction;
import dev.lernwerk.tensor.Storage;
import dev.lernwerk.tensor.Tensor;

/**
 * Fused log-softmax + negative log-likelihood over rows of logits (M, C), with class weights,
 * label smoothing ε and an ignored label, following PyTorch's {@code cross_entropy} exactly:
 *
 * <pre>
 * class targets:  l_i = (1-ε)·(-w[y_i]·logp[i, y_i]) + (ε/C)·(-Σ_c w[c]·logp[i, c]),
 *                 mean = Σ l_i / Σ_{i not ignored} w[y_i]
 * prob. targets:  l_i = -Σ_c w[c]·t'[i, c]·logp[i, c] with t' = (1-ε)·t + ε/C,  mean = Σ l_i / M
 * </pre>
 *
 * logp is computed as {@code x - max - log Σ exp(x - max)}, finite for any finite logits. Backward
 * is softmax minus the (weighted, smoothed) one-hot target, scaled by the upstream gradient:
 * {@code dx[i, c] = s_i·(p[i, c]·Σ_c' a[i, c'] - a[i, c])} with {@code a[i, c]} the coefficient of
 * logp[i, c] in l_i. The composed {@code logSoftmax} + {@code gather} version is the test oracle.
 */
final class CrossEntropyOp extends Node {
  private final int[] labels; // class targets, or null for probability targets
  private final float[] weight; // class weights or null
  private final int ignoreIndex;
  private final Reduction reduction;
  private final double smoothing;
  private final float[] rowMax; // max per row
  private final double[] logSum; // log Σ exp(x - max) per row
  private final double denom; // the mean's divisor
  private final int[] outShape;

  private CrossEntropyOp(int[] labels, float[] weight, int ignoreIndex, Reduction reduction,
      double smoothing, float[] rowMax, double[] logSum, double denom, int[] outShape) {
    this.labels = labels;
    this.weight = weight;
    this.ignoreIndex = ignoreIndex;
    this.reduction = reduction;
    this.smoothing = smoothing;
    this.rowMax = rowMax;
    this.logSum = logSum;
    this.denom = denom;
    this.outShape = outShape;
  }

  @Override
  public String name() {
    return "crossEntropy";
  }

  /**
   * logits: (M, C) float; exactly one of labels (M, validated) and probs (M, C); outShape is the
   * shape of the unreduced loss.
   */
  static Tensor apply(Tensor logits, int[] labels, Tensor probs, float[] weight, int ignoreIndex,
      Reduction reduction, double smoothing, int[] outShape) {
    Tensor x = logits.detach().contiguous();
    Tensor t = Flat.dense(probs);
    int m = x.size(0);
    int c = x.size(1);
    float[] xv = x.storage().floats();
    int xo = x.offset();
    float[] tv = Flat.floats(t);
    int to = Flat.offset(t);
    float[] rowMax = new float[m];
    double[] logSum = new double[m];
    double[] loss = new double[m];
    double eps = smoothing;
    double wSum = 0;
    if (weight != null) {
      for (float w : weight) {
        wSum += w;
      }
    } else {
      wSum = c;
    }
    final double wAll = wSum;
    Parallel.forRange(m, Math.max(1, 8192 / Math.max(c, 1)), (s, e) -> {
      for (int i = s; i < e; i++) {
        int base = xo + i * c;
        float mx = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < c; k++) {
          mx = Math.max(mx, xv[base + k]);
        }
        double sum = 0;
        for (int k = 0; k < c; k++) {
          sum += Math.exp(xv[base + k] - mx);
        }
        double l = mx + Math.log(sum);
        rowMax[i] = mx;
        logSum[i] = Math.log(sum);
        if (labels != null) {
          int y = labels[i];
          if (y == ignoreIndex) {
            continue;
          }
          double wy = weight == null ? 1 : weight[y];
          double li = (1 - eps) * -wy * (xv[base + y] - l);
          if (eps > 0) {
            double dot = 0; // Σ_c w_c x_c
            for (int k = 0; k < c; k++) {
              dot += (weight == null ? 1 : weight[k]) * (double) xv[base + k];
            }
            li += eps / c * -(dot - l * wAll);
          }
          loss[i] = li;
        } else {
          int tb = to + i * c;
          double li = 0;
          for (int k = 0; k < c; k++) {
            double tk = (1 - eps) * tv[tb + k] + eps / c;
            li -= (weight == null ? 1 : weight[k]) * tk * (xv[base + k] - l);
          }
          loss[i] = li;
        }
      }
    });
    double denom;
    if (labels == null) {
      denom = m;
    } else {
      denom = 0;
      for (int y : labels) {
        if (y != ignoreIndex) {
          denom += weight == null ? 1 : weight[y];
        }
      }
    }
    Tensor out;
    if (reduction == Reduction.NONE) {
      float[] o = new float[m];
      for (int i = 0; i < m; i++) {
        o[i] = (float) loss[i];
      }
      out = Tensor.wrap(o, outShape);
    } else {
      double total = 0;
      for (double v : loss) {
        total += v;
      }
      out = Tensor.scalar((float) (reduction == Reduction.MEAN ? total / denom : total));
    }
    if (Node.shouldRecord(logits, probs)) {
      CrossEntropyOp node = new CrossEntropyOp(labels, weight, ignoreIndex, reduction, smoothing,
          rowMax, logSum, denom, outShape);
      node.save(x, t);
      node.record(out, logits, probs);
    }
    return out;
  }

  @Override
  protected Tensor[] backward(Tensor gradOut) {
    Tensor x = saved(0);
    Tensor t = saved(1);
    int m = x.size(0);
    int c = x.size(1);
    float[] xv = x.storage().floats();
    int xo = x.offset();
    float[] tv = Flat.floats(t);
    int to = Flat.offset(t);
    float[] g = gradOut.contiguous().toFloatArray();
    double eps = smoothing;
    boolean wantX = needsGrad(0);
    boolean wantT = t != null && needsGrad(1);
    Storage dxRes = wantX ? Storage.zeroedForResult(m * c) : null;
    float[] dx = dxRes == null ? null : dxRes.floats();
    Storage dtRes = wantT ? Storage.zeroedForResult(m * c) : null;
    float[] dt = dtRes == null ? null : dtRes.floats();
    double wAll = 0;
    for (int k = 0; k < c; k++) {
      wAll += weight == null ? 1 : weight[k];
    }
    final double wSum = wAll;
    Parallel.forRange(m, Math.max(1, 8192 / Math.max(c, 1)), (s, e) -> {
      for (int i = s; i < e; i++) {
        double scale = switch (reduction) {
          case NONE -> g[i];
          case MEAN -> g[0] / denom;
          default -> g[0];
        };
        int base = xo + i * c;
        int ob = i * c;
        double mx = rowMax[i];
        double ls = logSum[i];
        if (labels != null) {
          int y = labels[i];
          if (y == ignoreIndex || !wantX) {
            continue; // dx stays 0
          }
          double wy = weight == null ? 1 : weight[y];
          double a = (1 - eps) * wy + eps / c * wSum; // Σ_c of the coefficients
          for (int k = 0; k < c; k++) {
            double p = Math.exp((xv[base + k] - mx) - ls);
            double ak = eps / c * (weight == null ? 1 : weight[k]) + (k == y ? (1 - eps) * wy : 0);
            dx[ob + k] = (float) (scale * (p * a - ak));
          }
        } else {
          int tb = to + i * c;
          double a = 0;
          for (int k = 0; k < c; k++) {
            a += (weight == null ? 1 : weight[k]) * ((1 - eps) * tv[tb + k] + eps / c);
          }
          for (int k = 0; k < c; k++) {
            double wk = weight == null ? 1 : weight[k];
            double logp = (xv[base + k] - mx) - ls;
            if (wantX) {
              double ak = wk * ((1 - eps) * tv[tb + k] + eps / c);
              dx[ob + k] = (float) (scale * (Math.exp(logp) * a - ak));
            }
            if (wantT) {
              dt[ob + k] = (float) (scale * -(1 - eps) * wk * logp);
            }
          }
        }
      }
    });
    return new Tensor[] {
      wantX ? Tensor.wrap(dxRes, m, c) : null, wantT ? Tensor.wrap(dtRes, m, c) : null
    };
  }
}
