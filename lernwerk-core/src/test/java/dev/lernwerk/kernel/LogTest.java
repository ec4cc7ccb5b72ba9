package dev.lernwerk.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * lernwerk's own float log: within 1 ulp of {@code (float) Math.log((double) x)} over every 257th
 * float bit pattern and windows around its boundaries (subnormals, the 2/3 and 4/3 switch points, 1,
 * the largest float), the kernel in use equal to {@link UnaryFn#apply} bit for bit on all of them, and
 * its special values. Runs on both kernel paths.
 */
@Tag("kernels")
class LogTest {
  @Test
  void logIsWithinOneUlp() {
    ExpTest.checkEvery(257, UnaryFn.LOG, Math::log, 1, Float.MIN_NORMAL, Float.MIN_VALUE, 0.6666667f,
        1.3333334f, 1f, Float.MAX_VALUE, 2f, 0.5f, 1e-40f);
  }

  @Test
  void specialValues() {
    float nan = Float.NaN;
    float inf = Float.POSITIVE_INFINITY;
    float[][] cases = {{0, -inf}, {-0f, -inf}, {-1, nan}, {-Float.MIN_VALUE, nan}, {nan, nan},
        {inf, inf}, {-inf, nan}, {1, 0}, {(float) Math.E, 1}};
    for (float[] c : cases) {
      assertEquals(Float.floatToIntBits(c[1]), Float.floatToIntBits(UnaryFn.LOG.apply(c[0], 0, 0)),
          "log(" + c[0] + ")");
      float[] run = new float[40];
      java.util.Arrays.fill(run, c[0]);
      float[] out = new float[40];
      FloatKernels.INSTANCE.unary(UnaryFn.LOG, run, 0, 1, out, 0, 40, 0, 0);
      for (float o : out) {
        assertEquals(Float.floatToIntBits(c[1]), Float.floatToIntBits(o),
            "log(" + c[0] + ") in a run: got " + o);
      }
    }
    assertEquals((float) Math.log(Float.MIN_VALUE), UnaryFn.LOG.apply(Float.MIN_VALUE, 0, 0),
        "log of the smallest subnormal");
  }
}
