package dev.lernwerk.kernel;

import static org.junit.jupiter.api.Assertions.*;

import dev.lernwerk.kernel.OptimKernels.AdamStep;
import dev.lernwerk.kernel.OptimKernels.SgdStep;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The fused optimizer kernels: vector path equals the scalar path bit for bit. */
@Tag("kernels")
class OptimKernelsTest {
  private static final int[] SIZES = {1, 7, 8, 33, 1000, 70_003};

  private static float[] random(SplittableRandom r, int n, float scale, boolean positive) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      float x = (float) (r.nextGaussian() * scale);
      a[i] = positive ? Math.abs(x) : x;
    }
    return a;
  }

  @Test
  void pathMatchesTheJvmFlags() {
    boolean expectScalar = Boolean.getBoolean("lernwerk.expectScalar");
    assertEquals(!expectScalar, Simd.ENABLED, "Simd.ENABLED");
    assertEquals(
        Simd.ENABLED ? "VectorOptimKernels" : "ScalarOptimKernels",
        OptimKernels.INSTANCE.getClass().getSimpleName());
  }

  @Test
  void adamVectorEqualsScalar() {
    SplittableRandom r = new SplittableRandom(7);
    for (int n : SIZES) {
      for (int variant = 0; variant < 4; variant++) {
        boolean l2 = (variant & 1) != 0;
        boolean ams = (variant & 2) != 0;
        int po = 3;
        int go = 5;
        int so = 2;
        float[] p = random(r, n + po, 1f, false);
        float[] g = random(r, n + go, 0.1f, false);
        float[] m = random(r, n + so, 0.01f, false);
        float[] v = random(r, n + so, 0.001f, true);
        float[] vmax = ams ? random(r, n + so, 0.001f, true) : null;
        var c = new AdamStep(0.9f, 0.999f, 0.1f, 0.001f, 0.0123f, 0.0447f, 1e-8f,
            l2 ? 0.01f : 0f, ams ? 0.9999f : 1f);
        float[] p2 = p.clone();
        float[] m2 = m.clone();
        float[] v2 = v.clone();
        float[] vmax2 = ams ? vmax.clone() : null;
        OptimKernels.INSTANCE.adam(c, p, po, g, go, m, v, vmax, so, n);
        OptimKernels.scalar().adamRange(c, p2, po, g, go, m2, v2, vmax2, so, 0, n);
        String label = "n=" + n + " l2=" + l2 + " ams=" + ams;
        assertArrayEquals(p2, p, label + " param");
        assertArrayEquals(m2, m, label + " m");
        assertArrayEquals(v2, v, label + " v");
        if (ams) {
          assertArrayEquals(vmax2, vmax, label + " vmax");
        }
        assertFalse(Arrays.equals(p, random(new SplittableRandom(0), 1, 1f, false)));
      }
    }
  }

  @Test
  void adamKnownValue() {
    // one element, first step: m̂ = g, v̂ = g², so θ moves by lr·g/|g| = lr (lr = 0.1, eps = 0)
    float[] p = {1f};
    float[] g = {0.5f};
    float[] m = {0f};
    float[] v = {0f};
    var c = new AdamStep(0.9f, 0.999f, 0.1f, 0.001f, 0.1f / 0.1f, (float) Math.sqrt(0.001), 0f, 0f, 1f);
    OptimKernels.INSTANCE.adam(c, p, 0, g, 0, m, v, null, 0, 1);
    assertEquals(0.05f, m[0], 1e-7f);
    assertEquals(0.00025f, v[0], 1e-9f);
    assertEquals(0.9f, p[0], 1e-6f);
  }

  @Test
  void sgdVectorEqualsScalar() {
    SplittableRandom r = new SplittableRandom(11);
    for (int n : SIZES) {
      for (int variant = 0; variant < 12; variant++) {
        boolean wd = (variant & 1) != 0;
        boolean nesterov = (variant & 2) != 0;
        boolean first = (variant & 4) != 0;
        boolean noBuffer = variant >= 8;
        float[] p = random(r, n + 1, 1f, false);
        float[] g = random(r, n + 2, 0.1f, false);
        float[] buf = noBuffer ? null : random(r, n + 3, 0.1f, false);
        var c = new SgdStep(0.05f, wd ? 1e-3f : 0f, 0.9f, nesterov ? 1f : 0.75f, nesterov, first);
        float[] p2 = p.clone();
        float[] buf2 = noBuffer ? null : buf.clone();
        OptimKernels.INSTANCE.sgd(c, p, 1, g, 2, buf, 3, n);
        OptimKernels.scalar().sgdRange(c, p2, 1, g, 2, buf2, 3, 0, n);
        String label = "n=" + n + " variant=" + variant;
        assertArrayEquals(p2, p, label + " param");
        if (!noBuffer) {
          assertArrayEquals(buf2, buf, label + " buf");
        }
      }
    }
  }

  @Test
  void sgdKnownValues() {
    float[] p = {1f, -2f};
    float[] g = {0.5f, 1f};
    float[] buf = {0.2f, 0f};
    // buf = 0.9·buf + 0.5·g; nesterov off; θ -= 0.1·buf
    OptimKernels.INSTANCE.sgd(new SgdStep(0.1f, 0f, 0.9f, 0.5f, false, false), p, 0, g, 0, buf, 0, 2);
    assertEquals(0.43f, buf[0], 1e-6f);
    assertEquals(0.5f, buf[1], 1e-6f);
    assertEquals(1f - 0.043f, p[0], 1e-6f);
    assertEquals(-2.05f, p[1], 1e-6f);
  }

  @Test
  void parallelChunksGiveTheSameBitsAsOneThread() {
    SplittableRandom r = new SplittableRandom(3);
    int n = 200_001;
    float[] p = random(r, n, 1f, false);
    float[] g = random(r, n, 0.1f, false);
    float[] m = new float[n];
    float[] v = new float[n];
    float[] p2 = p.clone();
    float[] m2 = new float[n];
    float[] v2 = new float[n];
    var c = new AdamStep(0.9f, 0.999f, 0.1f, 0.001f, 0.01f, 0.0316f, 1e-8f, 0f, 1f);
    int saved = Parallel.threads();
    try {
      Parallel.setThreads(2);
      OptimKernels.INSTANCE.adam(c, p, 0, g, 0, m, v, null, 0, n);
      Parallel.setThreads(1);
      OptimKernels.INSTANCE.adam(c, p2, 0, g, 0, m2, v2, null, 0, n);
    } finally {
      Parallel.setThreads(saved);
    }
    assertArrayEquals(p2, p);
    assertArrayEquals(m2, m);
    assertArrayEquals(v2, v);
  }
}
