package dev.lernwerk.nn.functional;

import static dev.lernwerk.nn.NnAsserts.assertClose;
import static dev.lernwerk.nn.NnAsserts.assertFinite;
import static dev.lernwerk.nn.NnAsserts.assertGrad;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lernwerk.nn.ELU;
import dev.lernwerk.nn.GELU;
import dev.lernwerk.nn.Hardtanh;
import dev.lernwerk.nn.LeakyReLU;
import dev.lernwerk.nn.LogSoftmax;
import dev.lernwerk.nn.Mish;
import dev.lernwerk.nn.Module;
import dev.lernwerk.nn.PReLU;
import dev.lernwerk.nn.RReLU;
import dev.lernwerk.nn.ReLU;
import dev.lernwerk.nn.ReLU6;
import dev.lernwerk.nn.SELU;
import dev.lernwerk.nn.SiLU;
import dev.lernwerk.nn.Sigmoid;
import dev.lernwerk.nn.SigmoidRange;
import dev.lernwerk.nn.Softmax;
import dev.lernwerk.nn.Softplus;
import dev.lernwerk.nn.Tanh;
import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ActivationTest {
  private static final float[] X = {-2f, -0.5f, 0.5f, 2f};

  private static float[] map(float[] x, DoubleUnaryOperator f) {
    float[] y = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = (float) f.applyAsDouble(x[i]);
    }
    return y;
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  /** Values away from the kinks at 0 (and ±1 for hardtanh) so central differences are exact. */
  private static Tensor awayFromKinks(long seed, int... shape) {
    float[] v = Tensor.randn(new Generator(seed), shape).toFloatArray();
    for (int i = 0; i < v.length; i++) {
      float a = Math.abs(v[i]) + 0.15f;
      a = Math.abs(a - 1f) < 0.1f ? a + 0.2f : a;
      v[i] = Math.copySign(a, v[i]);
    }
    return Tensor.wrap(v, shape);
  }

  /** Each activation as a function, with the formula it must match, written out by hand. */
  private static Map<String, Object[]> table() {
    double s2pi = Math.sqrt(2 / Math.PI);
    Map<String, Object[]> m = new LinkedHashMap<>();
    m.put("relu", new Object[] {(UnaryOperator<Tensor>) F::relu,
        (DoubleUnaryOperator) x -> Math.max(x, 0), new ReLU()});
    m.put("leakyRelu", new Object[] {(UnaryOperator<Tensor>) x -> F.leakyRelu(x, 0.1),
        (DoubleUnaryOperator) x -> x > 0 ? x : 0.1 * x, new LeakyReLU(0.1)});
    m.put("elu", new Object[] {(UnaryOperator<Tensor>) x -> F.elu(x, 1.5),
        (DoubleUnaryOperator) x -> x > 0 ? x : 1.5 * (Math.exp(x) - 1), new ELU(1.5)});
    m.put("selu", new Object[] {(UnaryOperator<Tensor>) F::selu,
        (DoubleUnaryOperator) x -> 1.0507009873554805 * (x > 0 ? x : 1.6732632423543772 * (Math.exp(x) - 1)),
        new SELU()});
    m.put("geluTanh", new Object[] {(UnaryOperator<Tensor>) x -> F.gelu(x, true),
        (DoubleUnaryOperator) x -> 0.5 * x * (1 + Math.tanh(s2pi * (x + 0.044715 * x * x * x))),
        new GELU(true)});
    m.put("silu", new Object[] {(UnaryOperator<Tensor>) F::silu,
        (DoubleUnaryOperator) x -> x * sigmoid(x), new SiLU()});
    m.put("mish", new Object[] {(UnaryOperator<Tensor>) F::mish,
        (DoubleUnaryOperator) x -> x * Math.tanh(Math.log1p(Math.exp(x))), new Mish()});
    m.put("relu6", new Object[] {(UnaryOperator<Tensor>) F::relu6,
        (DoubleUnaryOperator) x -> Math.min(Math.max(x, 0), 6), new ReLU6()});
    m.put("hardtanh", new Object[] {(UnaryOperator<Tensor>) x -> F.hardtanh(x, -1, 1),
        (DoubleUnaryOperator) x -> Math.min(Math.max(x, -1), 1), new Hardtanh()});
    m.put("sigmoid", new Object[] {(UnaryOperator<Tensor>) F::sigmoid,
        (DoubleUnaryOperator) ActivationTest::sigmoid, new Sigmoid()});
    m.put("sigmoidRange", new Object[] {(UnaryOperator<Tensor>) x -> F.sigmoidRange(x, 0, 5.5),
        (DoubleUnaryOperator) x -> 5.5 * sigmoid(x), new SigmoidRange(0, 5.5)});
    m.put("tanh", new Object[] {(UnaryOperator<Tensor>) F::tanh,
        (DoubleUnaryOperator) Math::tanh, new Tanh()});
    m.put("softplus", new Object[] {(UnaryOperator<Tensor>) F::softplus,
        (DoubleUnaryOperator) x -> Math.log1p(Math.exp(x)), new Softplus()});
    m.put("softplusBeta", new Object[] {(UnaryOperator<Tensor>) x -> F.softplus(x, 2, 3),
        (DoubleUnaryOperator) x -> 2 * x > 3 ? x : Math.log1p(Math.exp(2 * x)) / 2,
        new Softplus(2, 3)});
    m.put("prelu", new Object[] {(UnaryOperator<Tensor>) x -> F.prelu(x, Tensor.of(new float[] {0.25f})),
        (DoubleUnaryOperator) x -> x > 0 ? x : 0.25 * x, new PReLU()});
    m.put("rreluEval", new Object[] {
        (UnaryOperator<Tensor>) x -> F.rrelu(x, 0.1, 0.3, false, new Generator(0)),
        (DoubleUnaryOperator) x -> x >= 0 ? x : 0.2 * x,
        new RReLU(0.1, 0.3, new Generator(0)).eval()});
    return m;
  }

  @SuppressWarnings("unchecked")
  @Test
  void valuesMatchTheFormulasAndModulesMatchFunctions() {
    float[] xs = {-7f, -2f, -0.5f, 0f, 0.5f, 1.4f, 2f, 7f};
    Tensor x = Tensor.of(xs);
    for (var e : table().entrySet()) {
      var f = (UnaryOperator<Tensor>) e.getValue()[0];
      var ref = (DoubleUnaryOperator) e.getValue()[1];
      var mod = (Module) e.getValue()[2];
      assertClose(map(xs, ref), f.apply(x).toFloatArray(), 1e-6, 1e-5, e.getKey());
      assertClose(f.apply(x), mod.forward(x), 0, 0, e.getKey() + " module");
    }
  }

  @Test
  void exactGeluByHand() {
    // x·Φ(x) with Φ(-2) = 0.0227501319, Φ(-0.5) = 0.3085375387, Φ(0.5) = 0.6914624613, Φ(2) = 0.9772498681
    float[] expect = {-0.0455002639f, -0.1542687694f, 0.3457312306f, 1.9544997361f};
    assertClose(expect, F.gelu(Tensor.of(X)).toFloatArray(), 1e-6, 1e-6, "gelu");
    assertClose(expect, new GELU().forward(Tensor.of(X)).toFloatArray(), 1e-6, 1e-6, "GELU");
  }

  @SuppressWarnings("unchecked")
  @Test
  void gradientsPassGradCheck() {
    Tensor x = awayFromKinks(1, 3, 5);
    for (var e : table().entrySet()) {
      var f = (UnaryOperator<Tensor>) e.getValue()[0];
      assertGrad(e.getKey(), in -> f.apply(in[0]), x);
    }
    assertGrad("gelu", in -> F.gelu(in[0]), x);
    assertGrad("softmax", in -> F.softmax(in[0], 1), x);
    assertGrad("logSoftmax", in -> F.logSoftmax(in[0], 0), x);
  }

  @SuppressWarnings("unchecked")
  @Test
  void extremeInputsGiveFiniteValuesAndGradients() {
    float[] big = {-1e4f, -100f, -30f, 30f, 100f, 1e4f};
    for (var e : table().entrySet()) {
      var f = (UnaryOperator<Tensor>) e.getValue()[0];
      Tensor x = Tensor.of(big).requiresGrad(true);
      Tensor y = f.apply(x);
      assertFinite(y, e.getKey() + " value");
      y.sum().backward();
      assertFinite(x.grad(), e.getKey() + " grad");
    }
    for (boolean approx : new boolean[] {false, true}) {
      Tensor x = Tensor.of(big).requiresGrad(true);
      Tensor y = F.gelu(x, approx);
      assertFinite(y, "gelu");
      y.sum().backward();
      assertFinite(x.grad(), "gelu grad");
      assertEquals(1e4f, y.get(5));
      assertEquals(0f, y.get(0), 0f);
    }
    Tensor sm = F.softmax(Tensor.of(new float[] {1e4f, -1e4f, 0f}), 0);
    assertClose(new float[] {1f, 0f, 0f}, sm.toFloatArray(), 0, 0, "softmax extreme");
  }

  @Test
  void softmaxAndLogSoftmaxByHand() {
    Tensor x = Tensor.of(new float[] {1f, 2f, 3f, 1f, 1f, 1f}, 2, 3);
    double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
    float[] expect = {(float) (Math.exp(1) / z), (float) (Math.exp(2) / z), (float) (Math.exp(3) / z),
        1 / 3f, 1 / 3f, 1 / 3f};
    assertClose(expect, new Softmax(1).forward(x).toFloatArray(), 1e-7, 1e-6, "softmax");
    assertClose(map(expect, Math::log), new LogSoftmax(1).forward(x).toFloatArray(), 1e-6, 1e-6,
        "logSoftmax");
  }

  @Test
  void hardtanhGradientIsZeroOnTheBoundariesLikePyTorch() {
    Tensor x = Tensor.of(new float[] {-1f, 0f, 1f, 0.5f, 6f}).requiresGrad(true);
    F.hardtanh(x, -1, 1).sum().backward();
    assertArrayEquals(new float[] {0f, 1f, 0f, 1f, 0f}, x.grad().toFloatArray());
    Tensor y = Tensor.of(new float[] {0f, 3f, 6f}).requiresGrad(true);
    F.relu6(y).sum().backward();
    assertArrayEquals(new float[] {0f, 1f, 0f}, y.grad().toFloatArray());
  }

  @Test
  void preluLearnsOneSlopePerChannel() {
    var prelu = new PReLU(3, 0.25);
    Tensor x = Tensor.of(new float[] {-1f, -2f, 4f, 1f, -3f, -1f}, 2, 3); // channels in dim 1
    Tensor y = prelu.forward(x);
    assertArrayEquals(new float[] {-0.25f, -0.5f, 4f, 1f, -0.75f, -0.25f}, y.toFloatArray());
    y.sum().backward();
    // d y / d a_c = Σ over the batch of min(x, 0) in channel c
    assertArrayEquals(new float[] {-1f, -5f, -1f}, prelu.weight().grad().toFloatArray());
    Tensor w = Tensor.of(new float[] {0.1f, 0.2f, 0.3f});
    assertGrad("prelu", in -> F.prelu(in[0], in[1]), awayFromKinks(4, 2, 3, 4), w);
    var ex = assertThrows(IllegalArgumentException.class,
        () -> prelu.forward(Tensor.ones(2, 4)));
    assertTrue(ex.getMessage().contains("3 slopes") && ex.getMessage().contains("[2, 4]"),
        ex.getMessage());
  }

  @Test
  void rreluDrawsSlopesInTrainingAndIsDeterministicPerSeed() {
    Tensor x = Tensor.full(-1f, 1000);
    Tensor a = new RReLU(0.1, 0.3, new Generator(5)).forward(x);
    Tensor b = new RReLU(0.1, 0.3, new Generator(5)).forward(x);
    assertArrayEquals(a.toFloatArray(), b.toFloatArray());
    float[] v = a.toFloatArray();
    double mean = 0;
    for (float s : v) {
      assertTrue(-s >= 0.1f && -s <= 0.3f, "slope " + -s);
      mean += -s / v.length;
    }
    assertEquals(0.2, mean, 0.01);
    Tensor pos = Tensor.of(new float[] {2f, 3f});
    assertArrayEquals(pos.toFloatArray(), new RReLU().forward(pos).toFloatArray());
    Tensor in = awayFromKinks(6, 4, 3);
    assertGrad("rrelu train", in2 -> F.rrelu(in2[0], 0.1, 0.3, true, new Generator(2)), in);
  }

  @Test
  void badSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Hardtanh(1, -1));
    assertThrows(IllegalArgumentException.class, () -> new SigmoidRange(5, 0));
    assertThrows(IllegalArgumentException.class, () -> new Softplus(0, 20));
    assertThrows(IllegalArgumentException.class, () -> new PReLU(0, 0.25));
    var ex = assertThrows(IllegalArgumentException.class,
        () -> new RReLU(0.5, 0.1, new Generator(0)));
    assertTrue(ex.getMessage().contains("lower=0.5"), ex.getMessage());
  }
}
