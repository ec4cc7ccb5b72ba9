package dev.lernwerk.ops;

import static dev.lernwerk.testkit.Assert.close;
import static dev.lernwerk.testkit.Assert.identical;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lernwerk.tensor.DType;
import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Tensor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Known values of the elementwise ops on tiny inputs, computed by hand or from the formulas. */
@Tag("kernels")
class ArithTest {
  private static final float NAN = Float.NaN;
  private static final float INF = Float.POSITIVE_INFINITY;

  private static Tensor v(float... x) {
    return Tensor.of(x);
  }

  @Test
  void binaryOpsBroadcast() {
    Tensor col = Tensor.of(new float[] {1, 2}, 2, 1);
    Tensor row = v(10, 20, 30);
    Tensor sum = col.add(row);
    assertArrayEquals(new int[] {2, 3}, sum.shape());
    close("add", new float[] {11, 21, 31, 12, 22, 32}, sum, 0, 0);
    close("sub", new float[] {-9, -19, -29, -8, -18, -28}, col.sub(row), 0, 0);
    close("mul", new float[] {10, 20, 30, 20, 40, 60}, col.mul(row), 0, 0);
    close("div", new float[] {0.1f, 0.05f, 1 / 30f, 0.2f, 0.1f, 2 / 30f}, col.div(row), 0, 0);
    close("pow", new float[] {1, 1, 1024, 1_048_576}, Tensor.of(new float[] {1, 2}, 2, 1)
        .pow(v(10, 20)), 0, 0);
    Tensor s = Tensor.scalar(2f);
    assertArrayEquals(new int[] {2, 1}, col.add(s).shape());
    assertArrayEquals(new int[] {}, s.add(s).shape());
    close("rank-3 by rank-1", new float[] {2, 3, 3, 4},
        Tensor.ones(2, 1, 2).add(v(1, 2)).add(Tensor.of(new float[] {0, 0, 1, 1}, 2, 1, 2)), 0, 0);
  }

  @Test
  void scalarFormsMatchTensorForms() {
    Tensor x = Tensor.randn(new Generator(3), 50);
    identical("add(float)", x.add(Tensor.scalar(0.3f)), x.add(0.3f));
    identical("sub(float)", x.sub(Tensor.scalar(0.3f)), x.sub(0.3f));
    identical("rsub", Tensor.scalar(0.3f).sub(x), x.rsub(0.3f));
    identical("mul(float)", x.mul(Tensor.scalar(0.3f)), x.mul(0.3f));
    identical("div(float)", x.div(Tensor.scalar(3f)), x.div(3f));
    identical("div(float) by 10", x.div(Tensor.scalar(10f)), x.div(10f));
  }

  @Test
  void powWithFloatExponent() {
    Tensor x = v(4, 2, 0, -2);
    close("pow(2)", new float[] {16, 4, 0, 4}, x.pow(2f), 0, 0);
    close("pow(3)", new float[] {64, 8, 0, -8}, x.pow(3f), 0, 0);
    close("pow(0.5)", new float[] {2, (float) Math.sqrt(2), 0, NAN}, x.pow(0.5f), 0, 0);
    close("pow(-1)", new float[] {0.25f, 0.5f, INF, -0.5f}, x.pow(-1f), 0, 0);
    close("pow(0)", new float[] {1, 1, 1, 1}, x.pow(0f), 0, 0);
    close("pow(1)", new float[] {4, 2, 0, -2}, x.pow(1f), 0, 0);
  }

  @Test
  void unaryKnownValues() {
    float e = (float) Math.E;
    close("neg", new float[] {-1, 2, -0f}, v(1, -2, 0).neg(), 0, 0);
    close("exp", new float[] {1, e, (float) Math.exp(-1), INF, 0}, v(0, 1, -1, 100, -200).exp(), 0,
        0);
    close("log", new float[] {0, 1, Float.NEGATIVE_INFINITY, NAN}, v(1, e, 0, -1).log(), 1e-7, 0);
    close("log1p small", new float[] {1e-10f, (float) Math.log(2)}, v(1e-10f, 1).log1p(), 0, 1e-7);
    close("expm1 small", new float[] {1e-10f, (float) (Math.E - 1)}, v(1e-10f, 1).expm1(), 0, 1e-7);
    close("sqrt", new float[] {2, 0, NAN, 1.5f}, v(4, 0, -1, 2.25f).sqrt(), 0, 0);
    close("rsqrt", new float[] {0.5f, INF, 2f / 3f}, v(4, 0, 2.25f).rsqrt(), 0, 1e-7);
    close("square", new float[] {9, 0.25f}, v(-3, 0.5f).square(), 0, 0);
    close("reciprocal", new float[] {0.25f, INF, Float.NEGATIVE_INFINITY, -2},
        v(4, 0, -0f, -0.5f).reciprocal(), 0, 0);
    close("abs", new float[] {2, 0, 3, INF}, v(-2, -0f, 3, Float.NEGATIVE_INFINITY).abs(), 0, 0);
    close("sin", new float[] {0, 1, 0.5f}, v(0, (float) (Math.PI / 2), (float) (Math.PI / 6))
        .sin(), 1e-7, 0);
    close("cos", new float[] {1, -1}, v(0, (float) Math.PI).cos(), 1e-7, 0);
    close("tanh", new float[] {0, 1, -1, -0f}, v(0, 20, -20, -0f).tanh(), 0, 0);
    // lernwerk's own float tanh is within 3 ulp (ExpTest), not correctly rounded
    close("tanh(0.5)", new float[] {(float) Math.tanh(0.5)}, v(0.5f).tanh(), 0, 2e-7);
    close("sigmoid", new float[] {0.5f, 1, 0}, v(0, 100, -200).sigmoid(), 0, 0);
    close("sigmoid(2)", new float[] {(float) (1 / (1 + Math.exp(-2)))}, v(2).sigmoid(), 0, 2e-7);
    float tiny = v(-100).sigmoid().item();
    assertEquals((float) Math.exp(-100), tiny, 1e-50, "sigmoid(-100) keeps its tiny value");
    close("relu", new float[] {0, 0, 2}, v(-1, 0, 2).relu(), 0, 0);
    close("leakyRelu", new float[] {-0.2f, 3, 0}, v(-2, 3, 0).leakyRelu(0.1f), 1e-8, 0);
    close("softplus", new float[] {(float) Math.log(2), 100, (float) Math.exp(-100), 30},
        v(0, 100, -100, 30).softplus(), 0, 1e-7);
    // erf reference values from the series, to 10 digits
    close("erf", new float[] {0, 0.5204998778f, 0.8427007929f, -0.9953222650f, 0.9999779095f, 1, -1},
        v(0, 0.5f, 1, -2, 3, 10, -7).erf(), 1e-7, 0);
    float[] erfEdges = v(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f).erf()
        .toFloatArray();
    assertTrue(Float.isNaN(erfEdges[0]), "erf(NaN) is NaN, got " + erfEdges[0]);
    assertEquals(1f, erfEdges[1], "erf(+inf)");
    assertEquals(-1f, erfEdges[2], "erf(-inf)");
    assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(erfEdges[3]), "erf(-0) is -0");
    assertTrue(Float.isNaN(v(Float.NaN).sign().item()), "sign(NaN) is NaN (as NumPy; not PyTorch's 0)");
    close("clamp", new float[] {-1, 0.5f, 2}, v(-5, 0.5f, 9).clamp(-1, 2), 0, 0);
    close("clampMin", new float[] {0, 0.5f, 9}, v(-5, 0.5f, 9).clampMin(0), 0, 0);
    close("clampMax", new float[] {-5, 0.5f, 1}, v(-5, 0.5f, 9).clampMax(1), 0, 0);
    close("sign", new float[] {-1, 0, 1, 0}, v(-2, 0, 3, -0f).sign(), 0, 0);
    close("floor", new float[] {1, -2, 2}, v(1.5f, -1.5f, 2).floor(), 0, 0);
    close("ceil", new float[] {2, -1, 2}, v(1.5f, -1.5f, 2).ceil(), 0, 0);
    close("round half to even", new float[] {0, 2, 2, -0f, 3}, v(0.5f, 1.5f, 2.5f, -0.5f, 2.6f)
        .round(), 0, 0);
    assertThrows(IllegalArgumentException.class, () -> v(1).clamp(2, 1));
  }

  @Test
  void nanPropagatesThroughMaximumAndMinimum() {
    Tensor a = v(1, NAN, 3, -0f);
    Tensor b = v(NAN, 2, 1, 0f);
    close("maximum", new float[] {NAN, NAN, 3, 0}, a.maximum(b), 0, 0);
    close("minimum", new float[] {NAN, NAN, 1, -0f}, a.minimum(b), 0, 0);
    identical("maximum(-0, 0) is +0", v(0f), v(-0f).maximum(v(0f)));
  }

  @Test
  void integerOperandsComputeInFloat() {
    Tensor a = Tensor.ofInts(new int[] {1, 2, 3});
    Tensor r = a.add(Tensor.ofInts(new int[] {10, 20, 30}));
    assertEquals(DType.FLOAT32, r.dtype());
    close("int + int", new float[] {11, 22, 33}, r, 0, 0);
    close("int * float", new float[] {0.5f, 1, 1.5f}, a.mul(0.5f), 0, 0);
    close("exp of int", new float[] {(float) Math.E}, Tensor.ofInts(new int[] {1}).exp(), 0, 0);
  }

  @Test
  void comparisonsProduceBoolMasks() {
    Tensor a = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
    Tensor b = v(2, 2);
    Tensor lt = a.lt(b);
    assertEquals(DType.BOOL, lt.dtype());
    assertArrayEquals(new int[] {1, 0, 0, 0}, lt.toIntArray());
    assertArrayEquals(new int[] {1, 1, 0, 0}, a.le(b).toIntArray());
    assertArrayEquals(new int[] {0, 0, 1, 1}, a.gt(b).toIntArray());
    assertArrayEquals(new int[] {0, 1, 1, 1}, a.ge(b).toIntArray());
    assertArrayEquals(new int[] {0, 1, 0, 0}, a.eq(b).toIntArray());
    assertArrayEquals(new int[] {1, 0, 1, 1}, a.ne(b).toIntArray());
    assertArrayEquals(new int[] {0, 0, 1, 0}, a.eq(3f).toIntArray());
    assertArrayEquals(new int[] {1, 1, 0, 1}, a.ne(3f).toIntArray());
    assertArrayEquals(new int[] {1, 1, 0, 0}, a.lt(3f).toIntArray());
    assertArrayEquals(new int[] {1, 1, 1, 0}, a.le(3f).toIntArray());
    assertArrayEquals(new int[] {0, 0, 0, 1}, a.gt(3f).toIntArray());
    assertArrayEquals(new int[] {0, 0, 1, 1}, a.ge(3f).toIntArray());
    Tensor nan = v(NAN);
    assertArrayEquals(new int[] {0}, nan.eq(nan).toIntArray(), "NaN != NaN");
    assertArrayEquals(new int[] {1}, nan.ne(nan).toIntArray());
    Tensor ints = Tensor.ofInts(new int[] {0, 5});
    assertArrayEquals(new int[] {0, 1}, ints.gt(Tensor.of(new float[] {0.5f})).toIntArray());
  }

  @Test
  void logicalOpsAnyAll() {
    Tensor m = Tensor.ofBools(new boolean[] {true, false, true, false});
    Tensor n = Tensor.ofBools(new boolean[] {true, true, false, false});
    assertArrayEquals(new int[] {0, 1, 0, 1}, m.logicalNot().toIntArray());
    assertEquals(DType.BOOL, m.logicalNot().dtype());
    assertArrayEquals(new int[] {1, 0, 0, 0}, m.logicalAnd(n).toIntArray());
    assertArrayEquals(new int[] {1, 1, 1, 0}, m.logicalOr(n).toIntArray());
    assertEquals(DType.BOOL, m.logicalOr(n).dtype());
    assertArrayEquals(new int[] {1, 0}, v(3, 0).logicalAnd(Tensor.scalar(1)).toIntArray());
    assertTrue(m.any());
    assertFalse(m.all());
    assertTrue(n.logicalOr(m.logicalNot()).any());
    assertFalse(Tensor.zeros(3).any());
    assertTrue(Tensor.ones(2, 2).all());
    assertTrue(Tensor.zeros(0).all(), "all of nothing is true");
    assertFalse(Tensor.zeros(0).any());
  }

  @Test
  void rowBroadcastFastPathMatchesTheStridedPath() {
    // a contiguous row over a contiguous batch, or one value per row, takes a fast path; a strided
    // copy of it takes the general broadcast path: the bits must agree, both ways round and for large
    // (parallel) sizes
    var gen = new dev.lernwerk.tensor.Generator(3);
    int[][][] cases = {{{4, 5}, {5}}, {{4, 5}, {1, 5}}, {{2, 3, 4}, {3, 4}}, {{2, 3, 4}, {1, 1, 4}},
        {{600, 130}, {130}}, {{3, 0, 4}, {4}}, {{7, 20}, {20}},
        // one value per row (keepdim reductions): leading dims, then ones
        {{4, 5}, {4, 1}}, {{4, 4}, {4, 1}}, {{2, 3, 4}, {2, 3, 1}}, {{2, 3, 4}, {2, 1, 1}},
        {{600, 130}, {600, 1}}, {{2, 3, 4}, {1, 3, 1}}, {{1, 3, 4}, {3, 1}}, {{5, 1}, {5, 1, 1}}};
    for (int[][] c : cases) {
      Tensor big = Tensor.randn(gen, c[0]);
      Tensor row = Tensor.randn(gen, c[1]).add(2f);
      int[] doubled = c[1].clone();
      doubled[doubled.length - 1] *= 2;
      Tensor strided = Tensor.zeros(doubled).slice(-1, 0, doubled[doubled.length - 1], 2);
      strided.copy_(row);
      assertFalse(strided.isContiguous() && row.numel() > 1, "the oracle must be strided");
      String at = java.util.Arrays.toString(c[0]) + " with " + java.util.Arrays.toString(c[1]);
      identical("big - row " + at, big.sub(strided), big.sub(row));
      identical("row - big " + at, strided.sub(big), row.sub(big));
      identical("row / big " + at, strided.div(big), row.div(big));
      identical("big * row " + at, big.mul(strided), big.mul(row));
      identical("max(big, row) " + at, big.maximum(strided), big.maximum(row));
    }
  }

  @Test
  void whereAndMaskedFill() {
    Tensor cond = Tensor.ofBools(new boolean[] {true, false, true}, 3);
    Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    Tensor r = Tensor.where(cond, a, Tensor.scalar(-1f));
    close("where", new float[] {1, -1, 3, 4, -1, 6}, r, 0, 0);
    Tensor col = Tensor.ofBools(new boolean[] {false, true}, 2, 1);
    close("where column cond", new float[] {7, 7, 7, 4, 5, 6},
        Tensor.where(col, a, Tensor.full(7f, 1, 3)), 0, 0);
    // one-element operands of any rank, a sliced (offset) one-element view, a transposed other
    Tensor one = Tensor.of(new float[] {5, 8}, 1, 2).narrow(1, 1, 1).requiresGrad(true);
    Tensor other = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2).t().requiresGrad(true);
    Tensor w = Tensor.where(cond, one, other);
    close("where one-element a", new float[] {8, 3, 8, 8, 4, 8}, w, 0, 0);
    w.mul(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3)).sum().backward();
    close("where gradient to the one-element a", new float[] {1 + 3 + 4 + 6}, one.grad(), 0, 0);
    close("where gradient to the other", new float[] {0, 0, 2, 5, 0, 0}, other.grad().t(), 0, 0);
    close("where one-element b", new float[] {1, 8, 3, 4, 8, 6},
        Tensor.where(cond, a, one.detach()), 0, 0);
    Tensor f = a.maskedFill(cond, 0f);
    close("maskedFill", new float[] {0, 2, 0, 0, 5, 0}, f, 0, 0);
    close("maskedFill leaves its input alone", new float[] {1, 2, 3, 4, 5, 6}, a, 0, 0);
    close("maskedFill by float mask", new float[] {9, 2, 9, 4, 5, 6},
        a.maskedFill(a.lt(2f).logicalOr(Tensor.of(new float[] {0, 0, 1, 0, 0, 0}, 2, 3)), 9f), 0,
        0);
    close("maskedFill -inf", new float[] {Float.NEGATIVE_INFINITY, 2},
        v(1, 2).maskedFill(Tensor.ofBools(new boolean[] {true, false}), Float.NEGATIVE_INFINITY), 0,
        0);
  }

  @Test
  void nonContiguousOperandsGiveTheSameValues() {
    Generator g = new Generator(5);
    Tensor base = Tensor.randn(g, 6, 8);
    Tensor t = base.t(); // (8, 6) transposed view
    Tensor s = base.slice(1, 1, 8, 2); // (6, 4) strided
    identical("transposed add", t.contiguous().add(t.contiguous()), t.add(t));
    identical("sliced exp", s.contiguous().exp(), s.exp());
    identical("transposed * row", t.contiguous().mul(base.select(1, 0)), t.mul(base.select(1, 0)));
    identical("expanded", base.select(1, 0).unsqueeze(1).expand(6, 8).contiguous().sub(base),
        base.select(1, 0).unsqueeze(1).sub(base));
  }
}
