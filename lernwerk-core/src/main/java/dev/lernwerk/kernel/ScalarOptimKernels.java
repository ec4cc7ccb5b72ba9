package dev.lernwerk.kernel;

/** Plain Java loops; the reference for {@link VectorOptimKernels} (same results, bit for bit). */
final class ScalarOptimKernels implements OptimKernels {
  @Override
  public void adamRange(
      AdamStep c, float[] p, int po, float[] g, int go, float[] m, float[] v, float[] vmax, int so,
      int start, int end) {
    float b1 = c.beta1();
    float b2 = c.beta2();
    float c1 = c.oneMinusBeta1();
    float c2 = c.oneMinusBeta2();
    float negStep = -c.stepSize();
    float bc2 = c.bc2Sqrt();
    float eps = c.eps();
    float l2 = c.l2();
    float decay = c.decay();
    if (l2 == 0f && vmax == null) {
      // the common case without branches, so the JIT can vectorize it on its own
      for (int i = start; i < end; i++) {
        float theta = p[po + i] * decay;
        float gi = g[go + i];
        float mi = Math.fma(b1, m[so + i], c1 * gi);
        float vi = Math.fma(b2, v[so + i], c2 * gi * gi);
        m[so + i] = mi;
        v[so + i] = vi;
        float denom = (float) Math.sqrt(vi) / bc2 + eps;
        p[po + i] = Math.fma(negStep, mi / denom, theta);
      }
      return;
    }
    for (int i = start; i < end; i++) {
      float theta = p[po + i];
      float gi = g[go + i];
      if (l2 != 0f) {
        gi = Math.fma(l2, theta, gi);
      }
      theta = theta * decay;
      float mi = Math.fma(b1, m[so + i], c1 * gi);
      float vi = Math.fma(b2, v[so + i], c2 * gi * gi);
      m[so + i] = mi;
      v[so + i] = vi;
      if (vmax != null) {
        vi = Math.max(vmax[so + i], vi);
        vmax[so + i] = vi;
      }
      float denom = (float) Math.sqrt(vi) / bc2 + eps;
      p[po + i] = Math.fma(negStep, mi / denom, theta);
    }
  }

  @Override
  public void sgdRange(
      SgdStep c, float[] p, int po, float[] g, int go, float[] buf, int bo, int start, int end) {
    float negLr = -c.lr();
    float wd = c.weightDecay();
    float mu = c.momentum();
    float damp = c.oneMinusDampening();
    boolean nesterov = c.nesterov();
    boolean first = c.firstStep();
    for (int i = start; i < end; i++) {
      float theta = p[po + i];
      float gi = g[go + i];
      if (wd != 0f) {
        gi = Math.fma(wd, theta, gi);
      }
      float d = gi;
      if (buf != null) {
        float b = first ? gi : Math.fma(mu, buf[bo + i], damp * gi);
        buf[bo + i] = b;
        d = nesterov ? Math.fma(mu, b, gi) : b;
      }
      p[po + i] = Math.fma(negLr, d, theta);
    }
  }
}
