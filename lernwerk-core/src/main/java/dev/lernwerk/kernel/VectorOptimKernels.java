package dev.lernwerk.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API twins of {@link ScalarOptimKernels}. Loaded only when {@link Simd#ENABLED}; every lane
 * performs the scalar path's operations in the same order ({@code fma} where it uses {@code
 * Math.fma}), so results are equal bit for bit. The loops are specialised on the flags (weight decay,
 * AMSGrad, momentum, Nesterov) so no branch sits in the hot loop.
 */
final class VectorOptimKernels implements OptimKernels {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final ScalarOptimKernels SCALAR = new ScalarOptimKernels();

  @Override
  public void adamRange(
      AdamStep c, float[] p, int po, float[] g, int go, float[] m, float[] v, float[] vmax, int so,
      int start, int end) {
    int w = S.length();
    int i = start;
    int bound = start + S.loopBound(end - start);
    if (c.l2() == 0f && vmax == null) {
      i = adamPlain(c, p, po, g, go, m, v, so, i, bound, w);
    } else {
      i = adamGeneral(c, p, po, g, go, m, v, vmax, so, i, bound, w);
    }
    if (i < end) {
      SCALAR.adamRange(c, p, po, g, go, m, v, vmax, so, i, end);
    }
  }

  private static int adamPlain(
      AdamStep c, float[] p, int po, float[] g, int go, float[] m, float[] v, int so, int i,
      int bound, int w) {
    FloatVector b1 = FloatVector.broadcast(S, c.beta1());
    FloatVector b2 = FloatVector.broadcast(S, c.beta2());
    FloatVector c1 = FloatVector.broadcast(S, c.oneMinusBeta1());
    FloatVector c2 = FloatVector.broadcast(S, c.oneMinusBeta2());
    FloatVector negStep = FloatVector.broadcast(S, -c.stepSize());
    FloatVector bc2 = FloatVector.broadcast(S, c.bc2Sqrt());
    FloatVector eps = FloatVector.broadcast(S, c.eps());
    FloatVector decay = FloatVector.broadcast(S, c.decay());
    for (; i < bound; i += w) {
      FloatVector theta = FloatVector.fromArray(S, p, po + i).mul(decay);
      FloatVector gi = FloatVector.fromArray(S, g, go + i);
      FloatVector mi = FloatVector.fromArray(S, m, so + i).fma(b1, gi.mul(c1));
      FloatVector vi = FloatVector.fromArray(S, v, so + i).fma(b2, gi.mul(c2).mul(gi));
      mi.intoArray(m, so + i);
      vi.intoArray(v, so + i);
      FloatVector denom = vi.sqrt().div(bc2).add(eps);
      mi.div(denom).fma(negStep, theta).intoArray(p, po + i);
    }
    return i;
  }

  private static int adamGeneral(
      AdamStep c, float[] p, int po, float[] g, int go, float[] m, float[] v, float[] vmax, int so,
      int i, int bound, int w) {
    FloatVector b1 = FloatVector.broadcast(S, c.beta1());
    FloatVector b2 = FloatVector.broadcast(S, c.beta2());
    FloatVector c1 = FloatVector.broadcast(S, c.oneMinusBeta1());
    FloatVector c2 = FloatVector.broadcast(S, c.oneMinusBeta2());
    FloatVector negStep = FloatVector.broadcast(S, -c.stepSize());
    FloatVector bc2 = FloatVector.broadcast(S, c.bc2Sqrt());
    FloatVector eps = FloatVector.broadcast(S, c.eps());
    FloatVector decay = FloatVector.broadcast(S, c.decay());
    FloatVector l2 = FloatVector.broadcast(S, c.l2());
    boolean useL2 = c.l2() != 0f;
    boolean ams = vmax != null;
    for (; i < bound; i += w) {
      FloatVector theta = FloatVector.fromArray(S, p, po + i);
      FloatVector gi = FloatVector.fromArray(S, g, go + i);
      if (useL2) {
        gi = l2.fma(theta, gi);
      }
      theta = theta.mul(decay);
      FloatVector mi = FloatVector.fromArray(S, m, so + i).fma(b1, gi.mul(c1));
      FloatVector vi = FloatVector.fromArray(S, v, so + i).fma(b2, gi.mul(c2).mul(gi));
      mi.intoArray(m, so + i);
      vi.intoArray(v, so + i);
      if (ams) {
        vi = FloatVector.fromArray(S, vmax, so + i).max(vi);
        vi.intoArray(vmax, so + i);
      }
      FloatVector denom = vi.sqrt().div(bc2).add(eps);
      mi.div(denom).fma(negStep, theta).intoArray(p, po + i);
    }
    return i;
  }

  @Override
  public void sgdRange(
      SgdStep c, float[] p, int po, float[] g, int go, float[] buf, int bo, int start, int end) {
    int w = S.length();
    int i = start;
    int bound = start + S.loopBound(end - start);
    FloatVector negLr = FloatVector.broadcast(S, -c.lr());
    FloatVector wd = FloatVector.broadcast(S, c.weightDecay());
    FloatVector mu = FloatVector.broadcast(S, c.momentum());
    FloatVector damp = FloatVector.broadcast(S, c.oneMinusDampening());
    boolean useWd = c.weightDecay() != 0f;
    if (buf == null) {
      for (; i < bound; i += w) {
        FloatVector theta = FloatVector.fromArray(S, p, po + i);
        FloatVector gi = FloatVector.fromArray(S, g, go + i);
        if (useWd) {
          gi = wd.fma(theta, gi);
        }
        gi.fma(negLr, theta).intoArray(p, po + i);
      }
    } else {
      boolean first = c.firstStep();
      boolean nesterov = c.nesterov();
      for (; i < bound; i += w) {
        FloatVector theta = FloatVector.fromArray(S, p, po + i);
        FloatVector gi = FloatVector.fromArray(S, g, go + i);
        if (useWd) {
          gi = wd.fma(theta, gi);
        }
        FloatVector b = first ? gi : mu.fma(FloatVector.fromArray(S, buf, bo + i), gi.mul(damp));
        b.intoArray(buf, bo + i);
        FloatVector d = nesterov ? mu.fma(b, gi) : b;
        d.fma(negLr, theta).intoArray(p, po + i);
      }
    }
    if (i < end) {
      SCALAR.sgdRange(c, p, po, g, go, buf, bo, i, end);
    }
  }
}
