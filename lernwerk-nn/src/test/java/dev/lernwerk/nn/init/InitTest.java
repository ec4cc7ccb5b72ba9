package dev.lernwerk.nn.init;

import static dev.lernwerk.nn.NnAsserts.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Tensor;
import org.junit.jupiter.api.Test;

class InitTest {
  private static double[] stats(Tensor t) {
    float[] v = t.toFloatArray();
    double m = 0;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (float x : v) {
      m += x;
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
    m /= v.length;
    double s = 0;
    for (float x : v) {
      s += (x - m) * (x - m);
    }
    return new double[] {m, Math.sqrt(s / v.length), lo, hi};
  }

  @Test
  void fansOfLinearAndConvolutionWeights() {
    assertEquals(new Init.Fans(784, 64), Init.fans(Tensor.zeros(64, 784)));
    assertEquals(new Init.Fans(3 * 25, 16 * 25), Init.fans(Tensor.zeros(16, 3, 5, 5)));
    var ex = assertThrows(IllegalArgumentException.class, () -> Init.fans(Tensor.zeros(5)));
    assertTrue(ex.getMessage().contains("at least 2 dims"), ex.getMessage());
  }

  @Test
  void gainsMatchPyTorch() {
    assertEquals(1, Init.calculateGain(Nonlinearity.LINEAR));
    assertEquals(1, Init.calculateGain(Nonlinearity.CONV2D));
    assertEquals(1, Init.calculateGain(Nonlinearity.SIGMOID));
    assertEquals(5.0 / 3, Init.calculateGain(Nonlinearity.TANH), 1e-15);
    assertEquals(Math.sqrt(2), Init.calculateGain(Nonlinearity.RELU), 1e-15);
    assertEquals(Math.sqrt(2 / (1 + 0.01 * 0.01)), Init.calculateGain(Nonlinearity.LEAKY_RELU), 1e-15);
    assertEquals(Math.sqrt(2 / 1.04), Init.calculateGain("leaky_relu", 0.2), 1e-15);
    assertEquals(0.75, Init.calculateGain(Nonlinearity.SELU));
    assertEquals(Math.sqrt(1 / 3.0), Init.calculateGain(Nonlinearity.LEAKY_RELU, Math.sqrt(5)), 1e-15);
    var ex = assertThrows(IllegalArgumentException.class, () -> Nonlinearity.of("swish"));
    assertTrue(ex.getMessage().contains("'swish'"), ex.getMessage());
  }

  @Test
  void constantsFillEverything() {
    Tensor t = Tensor.randn(new Generator(0), 3, 4).requiresGrad(true);
    assertSame(t, Init.constant(t, 0.5));
    assertArrayEquals(Tensor.full(0.5f, 3, 4).toFloatArray(), t.toFloatArray());
    assertArrayEquals(new float[12], Init.zeros(t).toFloatArray());
    assertArrayEquals(Tensor.ones(12).toFloatArray(), Init.ones(t).toFloatArray());
    assertTrue(t.isLeaf() && t.requiresGrad(), "initializing a parameter records nothing");
  }

  @Test
  void uniformAndNormalStatistics() {
    var gen = new Generator(1);
    double[] u = stats(Init.uniform(Tensor.zeros(200, 300), -2, 3, gen));
    assertEquals(0.5, u[0], 0.02);
    assertEquals(5 / Math.sqrt(12), u[1], 0.01);
    assertTrue(u[2] >= -2 && u[3] < 3);
    double[] n = stats(Init.normal(Tensor.zeros(200, 300), 1, 0.5, gen));
    assertEquals(1, n[0], 0.01);
    assertEquals(0.5, n[1], 0.01);
  }

  @Test
  void xavierStatistics() {
    var gen = new Generator(2);
    double bound = 2 * Math.sqrt(6.0 / (200 + 300));
    double[] u = stats(Init.xavierUniform(Tensor.zeros(200, 300), 2, gen));
    assertTrue(u[2] >= -bound && u[3] <= bound);
    assertTrue(u[3] > 0.99 * bound, "values reach the bound");
    assertEquals(bound / Math.sqrt(3), u[1], 0.003);
    double[] n = stats(Init.xavierNormal(Tensor.zeros(200, 300), 1, gen));
    assertEquals(0, n[0], 0.002);
    assertEquals(Math.sqrt(2.0 / 500), n[1], 0.001);
  }

  @Test
  void kaimingStatisticsForLinearAndConvShapes() {
    var gen = new Generator(3);
    double std = Math.sqrt(2) / Math.sqrt(300);
    double[] u = stats(Init.kaimingUniform(Tensor.zeros(400, 300), 0, FanMode.FAN_IN,
        Nonlinearity.RELU, gen));
    assertTrue(u[2] >= -Math.sqrt(3) * std && u[3] <= Math.sqrt(3) * std);
    assertEquals(std, u[1], 0.002);
    // fan out of (64, 32, 3, 3) is 64·9
    double[] n = stats(Init.kaimingNormal(Tensor.zeros(64, 32, 3, 3), 0, FanMode.FAN_OUT,
        Nonlinearity.RELU, gen));
    assertEquals(Math.sqrt(2.0 / (64 * 9)), n[1], 0.002);
    assertEquals(0, n[0], 0.002);
    double[] d = stats(Init.kaimingNormal(Tensor.zeros(400, 300), gen)); // a = 0, leaky: gain √2
    assertEquals(std, d[1], 0.002);
    double[] linear = stats(Init.kaimingUniform(Tensor.zeros(256, 100), Math.sqrt(5),
        FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, gen));
    assertTrue(linear[3] <= 0.1 && linear[3] > 0.099, "PyTorch's Linear init is U(-1/√in, 1/√in)");
  }

  @Test
  void orthogonalRowsOrColumnsAreOrthonormal() {
    var gen = new Generator(4);
    Tensor wide = Init.orthogonal(Tensor.zeros(50, 80), 1, gen);
    assertClose(Tensor.eye(50), wide.matmul(wide.t()), 1e-5, 0, "Q·Qᵀ for rows < cols");
    Tensor tall = Init.orthogonal(Tensor.zeros(80, 50), 1, gen);
    assertClose(Tensor.eye(50), tall.t().matmul(tall), 1e-5, 0, "Qᵀ·Q for rows > cols");
    Tensor square = Init.orthogonal(Tensor.zeros(30, 30), 2, gen);
    assertClose(Tensor.eye(30).mul(4f), square.matmul(square.t()), 1e-4, 0, "gain 2");
    Tensor conv = Init.orthogonal(Tensor.zeros(8, 2, 3, 3), 1, gen).reshape(8, 18);
    assertClose(Tensor.eye(8), conv.matmul(conv.t()), 1e-5, 0, "conv-shaped");
    assertThrows(IllegalArgumentException.class, () -> Init.orthogonal(Tensor.zeros(4), 1, gen));
  }

  @Test
  void sameSeedSameValues() {
    Tensor a = Init.orthogonal(Tensor.zeros(6, 4), 1, new Generator(9));
    Tensor b = Init.orthogonal(Tensor.zeros(6, 4), 1, new Generator(9));
    Tensor c = Init.orthogonal(Tensor.zeros(6, 4), 1, new Generator(10));
    assertArrayEquals(a.toFloatArray(), b.toFloatArray());
    assertFalse(java.util.Arrays.equals(a.toFloatArray(), c.toFloatArray()));
    assertArrayEquals(Init.xavierUniform(Tensor.zeros(3, 3), 1, new Generator(1)).toFloatArray(),
        Init.xavierUniform(Tensor.zeros(3, 3), 1, new Generator(1)).toFloatArray());
  }
}
