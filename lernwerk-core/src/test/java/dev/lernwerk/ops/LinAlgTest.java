package dev.lernwerk.ops;

import static dev.lernwerk.testkit.Assert.close;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Shape;
import dev.lernwerk.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** matmul for every rank combination and memory layout against a naive loop in double. */
@Tag("kernels")
class LinAlgTest {
  private final Generator gen = new Generator(77);

  /** NumPy matmul semantics written out with loops (the oracle). */
  static Tensor reference(Tensor a, Tensor b) {
    int[] as = a.shape();
    int[] bs = b.shape();
    boolean va = as.length == 1;
    boolean vb = bs.length == 1;
    Tensor A = va ? a.reshape(1, as[0]) : a;
    Tensor B = vb ? b.reshape(bs[0], 1) : b;
    int[] sa = A.shape();
    int[] sb = B.shape();
    int n = sa[sa.length - 2];
    int k = sa[sa.length - 1];
    int m = sb[sb.length - 1];
    int[] batch = Shape.broadcast("ref", Arrays.copyOf(sa, sa.length - 2),
        Arrays.copyOf(sb, sb.length - 2));
    int[] fa = Arrays.copyOf(batch, batch.length + 2);
    fa[batch.length] = n;
    fa[batch.length + 1] = k;
    int[] fb = Arrays.copyOf(batch, batch.length + 2);
    fb[batch.length] = k;
    fb[batch.length + 1] = m;
    float[] av = A.expand(fa).toFloatArray();
    float[] bv = B.expand(fb).toFloatArray();
    int nb = Shape.numel(batch);
    float[] out = new float[nb * n * m];
    for (int t = 0; t < nb; t++) {
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
          double s = 0;
          for (int p = 0; p < k; p++) {
            s += (double) av[t * n * k + i * k + p] * bv[t * k * m + p * m + j];
          }
          out[t * n * m + i * m + j] = (float) s;
        }
      }
    }
    int[] os = Arrays.copyOf(batch, batch.length + 2);
    os[batch.length] = n;
    os[batch.length + 1] = m;
    Tensor r = Tensor.wrap(out, os);
    if (va) {
      r = r.squeeze(-2);
    }
    if (vb) {
      r = r.squeeze(-1);
    }
    return r;
  }

  private void check(String label, Tensor a, Tensor b) {
    Tensor want = reference(a, b);
    Tensor got = a.matmul(b);
    close(label + " " + Shape.str(a.shape()) + "·" + Shape.str(b.shape()), want, got, 1e-5, 1e-5);
  }

  @Test
  void knownValues() {
    Tensor a = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
    Tensor b = Tensor.of(new float[] {5, 6, 7, 8}, 2, 2);
    close("2x2", new float[] {19, 22, 43, 50}, a.matmul(b), 0, 0);
    Tensor dot = Tensor.of(new float[] {1, 2, 3}).matmul(Tensor.of(new float[] {4, 5, 6}));
    assertArrayEquals(new int[] {}, dot.shape());
    assertEquals(32f, dot.item());
    close("matrix·vector", new float[] {17, 39}, a.matmul(Tensor.of(new float[] {5, 6})), 0, 0);
    close("vector·matrix", new float[] {23, 34}, Tensor.of(new float[] {5, 6}).matmul(a), 0, 0);
    close("aᵀ·b", new float[] {26, 30, 38, 44}, a.t().matmul(b), 0, 0);
    close("(n×0)·(0×m) is zeros", Tensor.zeros(2, 3),
        Tensor.zeros(2, 0).matmul(Tensor.zeros(0, 3)), 0, 0);
  }

  @Test
  void everyRankCombination() {
    int[][][] cases = {
      {{5}, {5}}, {{3, 5}, {5}}, {{5}, {5, 4}}, {{3, 5}, {5, 4}}, {{2, 3, 5}, {5}}, {{5}, {2, 5, 4}},
      {{2, 3, 5}, {5, 4}}, {{3, 5}, {2, 5, 4}}, {{2, 3, 5}, {2, 5, 4}}, {{2, 1, 3, 4}, {5, 4, 2}},
      {{1, 3, 5}, {4, 5, 2}}, {{4, 1, 3, 5}, {1, 2, 5, 2}}, {{1, 1, 1}, {1, 1, 1}},
      {{17, 33}, {33, 9}}, {{3, 20, 70}, {70, 18}}
    };
    for (int[][] c : cases) {
      check("contiguous", Tensor.randn(gen, c[0]), Tensor.randn(gen, c[1]));
    }
  }

  @Test
  void viewsAsInputs() {
    Tensor a = Tensor.randn(gen, 5, 3);
    Tensor b = Tensor.randn(gen, 4, 5);
    check("aᵀ·bᵀ", a.t(), b.t());
    check("aᵀ·b", a.t(), Tensor.randn(gen, 5, 4));
    check("a·bᵀ", Tensor.randn(gen, 3, 5), b.t());
    Tensor big = Tensor.randn(gen, 8, 9);
    check("stepped rows", big.slice(0, 0, 8, 2), Tensor.randn(gen, 9, 2));
    check("stepped columns", Tensor.randn(gen, 3, 4), big.slice(1, 1, 9, 2).narrow(0, 0, 4));
    check("offset block", big.narrow(0, 2, 3).narrow(1, 3, 4), Tensor.randn(gen, 4, 2));
    check("expanded rows", Tensor.randn(gen, 1, 5).expand(3, 5), Tensor.randn(gen, 5, 2));
    check("expanded batch", Tensor.randn(gen, 1, 3, 5).expand(4, 3, 5), Tensor.randn(gen, 4, 5, 2));
    Tensor batch = Tensor.randn(gen, 2, 5, 3);
    check("batched transposed", batch.transpose(1, 2), Tensor.randn(gen, 2, 5, 4));
    check("batched permuted", Tensor.randn(gen, 3, 2, 4).permute(1, 0, 2),
        Tensor.randn(gen, 2, 4, 3).transpose(-1, -2).transpose(-1, -2));
    check("batch dim transposed", Tensor.randn(gen, 3, 2, 4, 5).transpose(0, 1),
        Tensor.randn(gen, 5, 2));
    check("vector view", big.select(1, 2), big.narrow(1, 0, 2));
    check("vector slice step", big.select(0, 1).slice(0, 0, 9, 2), Tensor.randn(gen, 5, 3));
  }

  @Test
  void gradientsOfBatchedBroadcast() {
    Tensor a = Tensor.randn(gen, 2, 1, 3, 4).requiresGrad(true);
    Tensor b = Tensor.randn(gen, 5, 4, 2).requiresGrad(true);
    Tensor g = Tensor.randn(gen, 2, 5, 3, 2);
    a.matmul(b).backward(g);
    // dA = Σ over the broadcast batch of g·bᵀ; dB = Σ over a's batch of aᵀ·g
    Tensor da = reference(g, b.detach().transpose(-1, -2)).sum(1, true);
    Tensor db = reference(a.detach().transpose(-1, -2), g).sum(0, false);
    close("dA", da, a.grad(), 1e-5, 1e-5);
    close("dB", db, b.grad(), 1e-5, 1e-5);
  }
}
