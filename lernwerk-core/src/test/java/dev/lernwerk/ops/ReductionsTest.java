package dev.lernwerk.ops;

import static dev.lernwerk.testkit.Assert.close;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lernwerk.tensor.DType;
import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Tensor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Known values of reductions, softmax, norms and counting on tiny inputs. */
@Tag("kernels")
class ReductionsTest {
  private static final float NAN = Float.NaN;
  private static final float NINF = Float.NEGATIVE_INFINITY;
  private static final Tensor M = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);

  @Test
  void sumOverDims() {
    close("sum()", new float[] {21}, M.sum(), 0, 0);
    assertArrayEquals(new int[] {}, M.sum().shape());
    close("sum(0)", new float[] {5, 7, 9}, M.sum(0, false), 0, 0);
    assertArrayEquals(new int[] {3}, M.sum(0, false).shape());
    close("sum(1, keepdim)", new float[] {6, 15}, M.sum(1, true), 0, 0);
    assertArrayEquals(new int[] {2, 1}, M.sum(1, true).shape());
    close("sum(-1)", new float[] {6, 15}, M.sum(-1, false), 0, 0);
    assertArrayEquals(new int[] {1, 1}, M.sum(new int[] {0, 1}, true).shape());
    Tensor c = Tensor.arange(24).reshape(2, 3, 4);
    // sum over dims 0 and 2: for j, Σ_i Σ_k (12i + 4j + k) = 2·(4·4j + 6) + 12·4 = 32j + 60
    close("sum({0, 2})", new float[] {60, 92, 124}, c.sum(new int[] {0, 2}, false), 0, 0);
    close("sum({2, 0}) same", new float[] {60, 92, 124}, c.sum(new int[] {2, 0}, false), 0, 0);
    close("sum(1) rank 3", new float[] {12, 15, 18, 21, 48, 51, 54, 57}, c.sum(1, false), 0, 0);
    close("sum of transposed", new float[] {6, 15}, M.t().sum(0, false), 0, 0);
    close("sum of empty", new float[] {0}, Tensor.zeros(0, 3).sum(), 0, 0);
    close("sum of empty dim", new float[] {0, 0, 0}, Tensor.zeros(0, 3).sum(0, false), 0, 0);
    Tensor ints = Tensor.ofInts(new int[] {1, 2, 3});
    assertEquals(DType.FLOAT32, ints.sum().dtype());
    assertEquals(6f, ints.sum().item());
    close("sum of a scalar", new float[] {3}, Tensor.scalar(3).sum(), 0, 0);
  }

  @Test
  void meanVarStd() {
    close("mean()", new float[] {3.5f}, M.mean(), 0, 0);
    close("mean(0)", new float[] {2.5f, 3.5f, 4.5f}, M.mean(0, false), 0, 1e-7);
    close("mean(1, keepdim)", new float[] {2, 5}, M.mean(1, true), 0, 1e-7);
    Tensor x = Tensor.of(new float[] {1, 2, 3, 4});
    close("var unbiased", new float[] {5f / 3}, x.var(), 0, 1e-6);
    close("var biased", new float[] {1.25f}, x.var(new int[] {0}, false, false), 0, 1e-7);
    close("std unbiased", new float[] {(float) Math.sqrt(5.0 / 3)}, x.std(), 0, 1e-6);
    close("std biased", new float[] {(float) Math.sqrt(1.25)}, x.std(new int[] {0}, false, false),
        0, 1e-6);
    // rows [1 2 3], [4 5 6]: each row var 1 (unbiased); columns var 4.5
    close("var(1)", new float[] {1, 1}, M.var(new int[] {1}, true, false), 0, 1e-6);
    close("var(0)", new float[] {4.5f, 4.5f, 4.5f}, M.var(new int[] {0}, true, false), 0, 1e-6);
    close("var(0) biased keepdim", new float[] {2.25f, 2.25f, 2.25f},
        M.var(new int[] {0}, false, true), 0, 1e-6);
    assertArrayEquals(new int[] {1, 3}, M.var(new int[] {0}, false, true).shape());
    assertTrue(Float.isNaN(Tensor.of(new float[] {3}).var().item()),
        "unbiased var of one value is NaN (0/0)");
    close("biased var of one value", new float[] {0},
        Tensor.of(new float[] {3}).var(new int[] {0}, false, false), 0, 0);
    // large offset: the two-pass formula keeps precision
    close("var with large mean", new float[] {1f},
        Tensor.of(new float[] {1e4f + 1, 1e4f + 2, 1e4f + 3}).var(), 0, 1e-6);
  }

  @Test
  void maxMinWithIndices() {
    Tensor x = Tensor.of(new float[] {1, 5, 5, 2, 0, 7, -1, 7, 3}, 3, 3);
    var mx = x.max(1, false);
    close("max values", new float[] {5, 7, 7}, mx.values(), 0, 0);
    assertArrayEquals(new int[] {1, 2, 1}, mx.indices().toIntArray(), "ties pick the first");
    assertEquals(DType.INT32, mx.indices().dtype());
    var mn = x.min(0, true);
    close("min values", new float[] {-1, 0, 3}, mn.values(), 0, 0);
    assertArrayEquals(new int[] {1, 3}, mn.values().shape());
    assertArrayEquals(new int[] {2, 1, 2}, mn.indices().toIntArray());
    assertArrayEquals(new int[] {1, 2, 1}, x.argmax(1, false).toIntArray());
    assertArrayEquals(new int[] {0, 1, 0}, x.argmin(-1, false).toIntArray());
    assertArrayEquals(new int[] {1, 3}, x.argmax(0, true).shape());
    assertEquals(5, x.argmax().item(), "flat argmax picks the first of the two 7s");
    assertArrayEquals(new int[] {}, x.argmax().shape());
    assertEquals(7f, x.max().item());
    assertEquals(-1f, x.min().item());
    assertEquals(0f, Tensor.of(new float[] {3, 1, 3, 3}).argmax(0, false).item());
  }

  @Test
  void maxPropagatesNan() {
    Tensor x = Tensor.of(new float[] {1, NAN, 3, 4, 5, 6}, 2, 3);
    var m = x.max(1, false);
    assertTrue(Float.isNaN(m.values().get(0)));
    assertEquals(1, m.indices().getInt(0), "the index of the NaN");
    assertEquals(6f, m.values().get(1));
    assertTrue(Float.isNaN(x.max().item()));
    assertTrue(Float.isNaN(x.min().item()));
    assertTrue(Float.isNaN(x.amax(new int[] {1}, false).get(0)));
    assertTrue(Float.isNaN(Tensor.of(new float[] {NAN, 1}).min(0, false).values().item()));
  }

  @Test
  void maxOfIntTensorKeepsDtype() {
    var m = Tensor.ofInts(new int[] {3, 9, 2, 7}, 2, 2).max(1, false);
    assertEquals(DType.INT32, m.values().dtype());
    assertArrayEquals(new int[] {9, 7}, m.values().toIntArray());
    assertArrayEquals(new int[] {1, 1}, m.indices().toIntArray());
  }

  @Test
  void amaxAmin() {
    Tensor c = Tensor.arange(24).reshape(2, 3, 4);
    close("amax({0, 2})", new float[] {15, 19, 23}, c.amax(new int[] {0, 2}, false), 0, 0);
    close("amin({1}) keepdim", new float[] {0, 1, 2, 3, 12, 13, 14, 15},
        c.amin(new int[] {1}, true), 0, 0);
    assertArrayEquals(new int[] {2, 1, 4}, c.amin(new int[] {1}, true).shape());
    close("amax(all)", new float[] {23}, c.amax(new int[0], false), 0, 0);
    assertArrayEquals(new int[] {1, 1, 1}, c.amax(new int[0], true).shape());
  }

  @Test
  void tiedExtremesShareTheGradientOfAmaxAndFullMax() {
    // as PyTorch: amax/amin and max()/min() over everything split the gradient evenly among ties;
    // max(dim) sends it to the returned index
    Tensor x = Tensor.of(new float[] {1, 3, 3, 2}, 1, 4).requiresGrad(true);
    x.amax(new int[] {1}, false).sum().backward();
    close("amax ties", new float[] {0, 0.5f, 0.5f, 0}, x.grad(), 0, 0);
    x.zeroGrad();
    x.max().backward();
    close("max() ties", new float[] {0, 0.5f, 0.5f, 0}, x.grad(), 0, 0);
    x.zeroGrad();
    x.max(1, false).values().sum().backward();
    close("max(dim) ties", new float[] {0, 1, 0, 0}, x.grad(), 0, 0);
    Tensor y = Tensor.of(new float[] {5, 5, 5, 1, 0, 0}, 2, 3).requiresGrad(true);
    y.amin(new int[] {0, 1}, false).mul(6f).backward();
    close("amin over all dims", new float[] {0, 0, 0, 0, 3, 3}, y.grad(), 0, 0);
    Tensor n = Tensor.of(new float[] {1, Float.NaN, 2}).requiresGrad(true);
    Tensor m = n.amax(new int[] {0}, false);
    assertTrue(Float.isNaN(m.item()), "amax with a NaN is NaN");
    m.backward();
    close("amax NaN gradient goes to the NaN", new float[] {0, 1, 0}, n.grad(), 0, 0);
  }

  @Test
  void logsumexp() {
    Tensor x = Tensor.of(new float[] {1, 2, 3});
    double want = 3 + Math.log(1 + Math.exp(-1) + Math.exp(-2));
    close("logsumexp", new float[] {(float) want}, x.logsumexp(0, false), 0, 1e-6);
    close("logsumexp large", new float[] {(float) (1000 + Math.log(2))},
        Tensor.of(new float[] {1000, 1000}).logsumexp(0, false), 0, 1e-6);
    close("logsumexp very negative", new float[] {(float) (-1000 + Math.log(2))},
        Tensor.of(new float[] {-1000, -1000}).logsumexp(0, false), 0, 1e-6);
    Tensor withInf = Tensor.of(new float[] {NINF, 0, NINF, NINF, NINF, NINF}, 2, 3);
    close("logsumexp with -inf", new float[] {0, NINF}, withInf.logsumexp(1, false), 0, 0);
    close("logsumexp +inf", new float[] {Float.POSITIVE_INFINITY},
        Tensor.of(new float[] {Float.POSITIVE_INFINITY, 1}).logsumexp(0, false), 0, 0);
    Tensor k = M.logsumexp(0, true);
    assertArrayEquals(new int[] {1, 3}, k.shape());
    close("logsumexp(0)", new float[] {
        (float) (4 + Math.log1p(Math.exp(-3))), (float) (5 + Math.log1p(Math.exp(-3))),
        (float) (6 + Math.log1p(Math.exp(-3)))}, k, 0, 1e-6);
  }

  @Test
  void logsumexpGradientIgnoresMinusInfinity() {
    Tensor x = Tensor.of(new float[] {NINF, 0, 0}).requiresGrad(true);
    x.logsumexp(0, false).backward();
    close("d logsumexp", new float[] {0, 0.5f, 0.5f}, x.grad(), 1e-7, 0);
  }

  @Test
  void softmaxKnownValuesAndRowSums() {
    close("softmax", new float[] {0.09003057f, 0.24472847f, 0.66524096f},
        Tensor.of(new float[] {1, 2, 3}).softmax(0), 1e-7, 1e-6);
    Tensor x = Tensor.randn(new Generator(4), 5, 7).mul(4f);
    for (int d : new int[] {0, 1, -1}) {
      Tensor s = x.softmax(d);
      Tensor sums = s.sum(d, false);
      Tensor ones = Tensor.ones(sums.shape());
      close("softmax(" + d + ") sums", ones, sums, 1e-6, 0);
      assertTrue(s.ge(0f).all());
    }
    Tensor c = Tensor.randn(new Generator(5), 2, 3, 4);
    close("softmax(1) of rank 3 sums", Tensor.ones(2, 4), c.softmax(1).sum(1, false), 1e-6, 0);
    close("softmax(1) equals exp(x - lse)", c.sub(c.logsumexp(1, true)).exp(), c.softmax(1), 1e-6,
        1e-5);
    close("softmax with -inf", new float[] {0, 0.5f, 0.5f},
        Tensor.of(new float[] {NINF, 3, 3}).softmax(0), 0, 1e-7);
    close("softmax of huge values", new float[] {0.5f, 0.5f, 0},
        Tensor.of(new float[] {1e4f, 1e4f, -1e4f}).softmax(0), 0, 1e-7);
    close("softmax of a scalar", new float[] {1}, Tensor.scalar(5).softmax(0), 0, 0);
  }

  @Test
  void logSoftmaxIsStable() {
    Tensor x = Tensor.of(new float[] {1e4f, -1e4f, 0, 1e4f - 1, -1e4f, 3}, 2, 3);
    for (int d : new int[] {0, 1, -1}) {
      Tensor ls = x.logSoftmax(d);
      float[] v = ls.toFloatArray();
      for (float f : v) {
        assertTrue(Float.isFinite(f), "logSoftmax(" + d + ") finite: " + ls);
      }
      close("logSoftmax(" + d + ") = x - logsumexp", x.sub(x.logsumexp(d, true)), ls, 1e-3, 1e-6);
    }
    // row 0: max 1e4, the others at -2e4 and -1e4 relative
    close("logSoftmax row", new float[] {0, -2e4f, -1e4f}, x.logSoftmax(1).select(0, 0), 1e-3, 0);
    Tensor viaLog = x.softmax(1).log();
    assertTrue(Float.isInfinite(viaLog.get(0, 1)), "log(softmax) underflows; logSoftmax does not");
    Tensor small = Tensor.of(new float[] {1, 2, 3});
    close("logSoftmax known", new float[] {-2.40760596f, -1.40760596f, -0.40760596f},
        small.logSoftmax(0), 1e-6, 0);
  }

  @Test
  void norms() {
    Tensor x = Tensor.of(new float[] {3, -4});
    close("norm()", new float[] {5}, x.norm(), 0, 0);
    close("norm(2)", new float[] {5}, x.norm(2f), 0, 0);
    close("norm(1)", new float[] {7}, x.norm(1f), 0, 0);
    close("norm(inf)", new float[] {4}, x.norm(Float.POSITIVE_INFINITY), 0, 0);
    close("norm(3)", new float[] {(float) Math.cbrt(27 + 64)}, x.norm(3f), 0, 1e-6);
    close("norm(0.5)", new float[] {(float) Math.pow(Math.sqrt(3) + 2, 2)}, x.norm(0.5f), 0, 1e-6);
    Tensor m = Tensor.of(new float[] {3, 4, 0, 6, 8, 0}, 2, 3);
    close("norm(2, dim 1)", new float[] {5, 10}, m.norm(2f, new int[] {1}, false), 0, 1e-7);
    close("norm(1, dim 0, keepdim)", new float[] {9, 12, 0}, m.norm(1f, new int[] {0}, true), 0, 0);
    assertArrayEquals(new int[] {1, 3}, m.norm(1f, new int[] {0}, true).shape());
    assertThrows(IllegalArgumentException.class, () -> x.norm(0f));
    assertThrows(IllegalArgumentException.class, () -> x.norm(-1f));
  }

  @Test
  void normGradientAtZeroIsZero() {
    for (float p : new float[] {1f, 2f, 3f, Float.POSITIVE_INFINITY}) {
      Tensor z = Tensor.zeros(3).requiresGrad(true);
      z.norm(p).backward();
      close("d norm(" + p + ") at 0", new float[] {0, 0, 0}, z.grad(), 0, 0);
    }
    Tensor m = Tensor.of(new float[] {0, 0, 3, 4}, 2, 2).requiresGrad(true);
    m.norm(2f, new int[] {1}, false).sum().backward();
    close("d row norms with a zero row", new float[] {0, 0, 0.6f, 0.8f}, m.grad(), 1e-7, 0);
  }

  @Test
  void uniqueAndBincount() {
    var u = Tensor.of(new float[] {3, 1, 2, 3, 1, 3}).unique();
    close("unique values", new float[] {1, 2, 3}, u.values(), 0, 0);
    assertArrayEquals(new int[] {2, 1, 3}, u.counts().toIntArray());
    assertEquals(DType.INT32, u.counts().dtype());
    var ui = Tensor.ofInts(new int[] {5, -1, 5, 0}).unique();
    assertEquals(DType.INT32, ui.values().dtype());
    assertArrayEquals(new int[] {-1, 0, 5}, ui.values().toIntArray());
    assertArrayEquals(new int[] {1, 1, 2}, ui.counts().toIntArray());
    var z = Tensor.of(new float[] {0f, -0f, 1}).unique();
    assertArrayEquals(new int[] {2, 1}, z.counts().toIntArray(), "-0 and 0 are one value");
    var e = Tensor.zeros(0).unique();
    assertArrayEquals(new int[] {0}, e.values().shape());
    Tensor labels = Tensor.ofInts(new int[] {0, 1, 1, 3, 1});
    assertArrayEquals(new int[] {1, 3, 0, 1}, labels.bincount(0).toIntArray());
    assertArrayEquals(new int[] {1, 3, 0, 1, 0, 0}, labels.bincount(6).toIntArray());
    assertArrayEquals(new int[] {0, 0}, Tensor.ofInts(new int[0]).bincount(2).toIntArray());
    assertArrayEquals(new int[] {0}, Tensor.ofInts(new int[0]).bincount(0).shape());
    assertEquals(DType.INT32, labels.bincount(0).dtype());
    String m = assertThrows(IllegalArgumentException.class,
        () -> Tensor.ofInts(new int[] {1, -2}).bincount(0)).getMessage();
    assertEquals("bincount: values must be non-negative, got -2 at flat index 1", m);
    assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[] {1}).bincount(0));
  }

  @Test
  void reductionsOfNonContiguousInputs() {
    Tensor base = Tensor.randn(new Generator(9), 6, 10);
    Tensor s = base.slice(1, 1, 10, 3).t(); // (3, 6), strided and transposed
    Tensor c = s.contiguous();
    for (int d : new int[] {0, 1}) {
      close("sum " + d, c.sum(d, true), s.sum(d, true), 0, 0);
      close("max " + d, c.max(d, false).values(), s.max(d, false).values(), 0, 0);
      close("softmax " + d, c.softmax(d), s.softmax(d), 0, 0);
      close("logsumexp " + d, c.logsumexp(d, false), s.logsumexp(d, false), 0, 0);
      close("var " + d, c.var(new int[] {d}, true, false), s.var(new int[] {d}, true, false), 0, 0);
    }
  }

  @Test
  void fusedLogsumexpMatchesTheComposedOracle() {
    Generator g = new Generator(21);
    int[][] shapes = {{7}, {3, 5}, {4, 1, 6}, {2, 17, 3}, {40, 300}};
    for (int[] shape : shapes) {
      Tensor x = Tensor.randn(g, shape).mul(5f);
      for (int d = -shape.length; d < shape.length; d++) {
        for (boolean keepdim : new boolean[] {false, true}) {
          String what = "logsumexp(" + d + ", " + keepdim + ") of " + java.util.Arrays.toString(shape);
          Tensor a = x.detach().requiresGrad(true);
          Tensor b = x.detach().requiresGrad(true);
          Tensor fused = a.logsumexp(d, keepdim);
          Tensor composed = Reductions.logsumexpComposed(b, d, keepdim);
          assertArrayEquals(composed.shape(), fused.shape(), what + " shape");
          close(what, composed, fused, 1e-6, 1e-6);
          Tensor w = Tensor.randn(g, fused.shape());
          fused.mul(w).sum().backward();
          composed.mul(w).sum().backward();
          close(what + " gradient", b.grad(), a.grad(), 1e-6, 1e-5);
        }
      }
    }
    close("logsumexp of an int tensor", new float[] {(float) Math.log(Math.exp(1) + Math.exp(2))},
        Tensor.ofInts(new int[] {1, 2}).logsumexp(0, false), 0, 1e-6);
    close("logsumexp over an empty dim is -inf, like PyTorch", new float[] {NINF, NINF},
        Tensor.zeros(2, 0).logsumexp(1, false), 0, 0);
  }

  @Test
  void softmaxOfShortAndLongRowsAgainstDoublePrecision() {
    Generator g = new Generator(22);
    for (int len : new int[] {1, 3, 10, 16, 17, 100, 1000}) {
      Tensor x = Tensor.randn(g, 37, len).mul(4f);
      float[] v = x.toFloatArray();
      float[] want = new float[v.length];
      float[] wantLog = new float[v.length];
      for (int r = 0; r < 37; r++) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < len; i++) {
          m = Math.max(m, v[r * len + i]);
        }
        double s = 0;
        for (int i = 0; i < len; i++) {
          s += Math.exp(v[r * len + i] - m);
        }
        for (int i = 0; i < len; i++) {
          want[r * len + i] = (float) (Math.exp(v[r * len + i] - m) / s);
          wantLog[r * len + i] = (float) (v[r * len + i] - m - Math.log(s));
        }
      }
      close("softmax len " + len, Tensor.of(want, 37, len), x.softmax(1), 1e-7, 1e-5);
      close("logSoftmax len " + len, Tensor.of(wantLog, 37, len), x.logSoftmax(1), 1e-5, 1e-6);
    }
  }
}
