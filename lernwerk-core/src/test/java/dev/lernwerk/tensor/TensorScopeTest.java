package dev.lernwerk.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lernwerk.testkit.ScopeCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scoped result buffers: results inside a scope are bit-identical to results outside one even when
 * every recycled array was filled with NaN, released tensors refuse to be read, and keep / persist /
 * leaves / gradients survive. Tagged {@code kernels}: it runs on the Vector API and the scalar path.
 */
@Tag("kernels")
class TensorScopeTest {
  /** Sizes at or above the pooling threshold (MIN_POOLED = 512). */
  private static final int R = 24;
  private static final int C = 40;

  @BeforeEach
  void poison() {
    TensorScope.clearPool();
    TensorScope.setDebugFill(true);
  }

  @AfterEach
  void unpoison() {
    TensorScope.setDebugFill(false);
    TensorScope.clearPool();
  }

  /** Every op whose result comes from the scope's pool, with inputs that make it take that path. */
  private static Map<String, Function<Tensor[], Tensor>> ops() {
    Map<String, Function<Tensor[], Tensor>> ops = new LinkedHashMap<>();
    ops.put("add same shape", in -> in[0].add(in[1]));
    ops.put("mul by one element", in -> in[0].mul(in[2]));
    ops.put("sub from one element", in -> in[2].sub(in[0]));
    ops.put("add row bias", in -> in[0].add(in[3]));
    ops.put("div one value per row", in -> in[0].div(in[4].abs().add(1f)));
    ops.put("add general broadcast", in -> in[5].add(in[3]));
    ops.put("add transposed", in -> in[0].add(in[1].t().contiguous().t()));
    ops.put("exp contiguous", in -> in[0].exp());
    ops.put("tanh transposed", in -> in[6].t().tanh());
    ops.put("sum dim 0", in -> in[15].sum(0, false));
    ops.put("sum last dim of a transposed view, keepdim",
        in -> in[15].transpose(0, 2).sum(2, true));
    ops.put("sum over an empty dim", in -> in[7].sum(0, false));
    ops.put("mean of a square", in -> in[0].mul(in[0]).mean(1, true));
    ops.put("softmax last dim", in -> in[0].softmax(1));
    ops.put("softmax first dim", in -> in[0].softmax(0));
    ops.put("logSoftmax", in -> in[0].logSoftmax(-1));
    ops.put("clone transposed", in -> in[0].t().contiguous());
    ops.put("clone contiguous", in -> in[0].clone());
    ops.put("int to float", in -> in[8].toFloat());
    ops.put("matmul", in -> in[0].matmul(in[6]));
    ops.put("matmul transposed", in -> in[0].t().matmul(in[1]));
    ops.put("batched matmul", in -> in[0].reshape(2, 12, C).matmul(in[6].reshape(1, C, R)));
    ops.put("matmul, empty inner dim", in -> in[9].matmul(in[10]));
    ops.put("where", in -> Tensor.where(in[0].gt(in[1]), in[0], in[1].mul(2f)));
    ops.put("indexSelect", in -> in[0].indexSelect(0, in[11]));
    ops.put("indexSelect dim 1", in -> in[0].indexSelect(1, in[12]));
    ops.put("gather", in -> in[0].gather(1, in[13]));
    ops.put("oneHot", in -> in[12].oneHot(C));
    ops.put("cat", in -> Tensor.cat(List.of(in[0], in[1], in[0].mul(in[1])), 0));
    ops.put("stack", in -> Tensor.stack(List.of(in[0], in[1]), 1));
    ops.put("max along a dim", in -> in[0].max(1, false).values().add(0f));
    ops.put("logsumexp", in -> in[6].logsumexp(1, false));
    ops.put("logsumexp over an empty dim", in -> in[14].logsumexp(1, true));
    return ops;
  }

  private static Tensor[] inputs(boolean grad) {
    Generator g = new Generator(3);
    Tensor[] in = {
      Tensor.randn(g, R, C), Tensor.randn(g, R, C), Tensor.randn(g, 1), Tensor.randn(g, C),
      Tensor.randn(g, R, 1), Tensor.randn(g, 2, R, 1), Tensor.randn(g, C, R),
      Tensor.zeros(0, 600), Tensor.randint(g, -5, 5, R, C), Tensor.zeros(R, 0),
      Tensor.zeros(0, C),
      Tensor.ofInts(new int[] {3, 0, 3, 23, 7, 7, 1, 12, 5, 5, 5, 0, 2, 19, 22, 4}, 16),
      Tensor.randint(g, 0, C, 30),
      Tensor.randint(g, 0, C, R, 30),
      Tensor.zeros(600, 0),
      Tensor.randn(g, 3, R, C)
    };
    if (grad) {
      for (int i : new int[] {0, 1, 3, 4, 6, 15}) {
        in[i].requiresGrad(true);
      }
    }
    return in;
  }

  /** The result and input gradients of one op. */
  private static List<Tensor> run(Function<Tensor[], Tensor> op, boolean grad) {
    return ScopeCheck.valuesAndGrads(op, () -> inputs(grad));
  }

  /** The same, read into plain arrays (before any scope closes). */
  private static List<float[]> values(Function<Tensor[], Tensor> op) {
    List<float[]> out = new ArrayList<>();
    for (Tensor t : run(op, true)) {
      out.add(t.toFloatArray());
    }
    return out;
  }

  @Test
  void resultsInsideScopesMatchResultsOutsideBitForBit() {
    for (var e : ops().entrySet()) {
      long pooled = 0;
      for (boolean grad : new boolean[] {false, true}) {
        pooled += ScopeCheck.sameInsideScopes(
            e.getKey() + " (grad=" + grad + ")", () -> run(e.getValue(), grad));
      }
      assertTrue(pooled > 0, e.getKey() + ": nothing went through the scope's pool");
    }
  }

  @Test
  void allOpsInOneScopeRepeatedlyMatch() {
    List<List<float[]>> expected = new ArrayList<>();
    for (var op : ops().values()) {
      expected.add(values(op));
    }
    for (int round = 0; round < 3; round++) {
      try (TensorScope scope = TensorScope.open()) {
        int k = 0;
        for (var e : ops().entrySet()) {
          List<float[]> got = values(e.getValue());
          for (int i = 0; i < got.size(); i++) {
            assertArrayEquals(expected.get(k).get(i), got.get(i), e.getKey() + " round " + round);
          }
          k++;
        }
      }
    }
    assertTrue(TensorScope.pooledBytes() > 0, "released arrays are pooled");
  }

  @Test
  void arraysAreReusedAfterClose() {
    Tensor a = Tensor.ones(R, C);
    float[] first;
    try (TensorScope s = TensorScope.open()) {
      first = a.add(a).storage().floats();
    }
    try (TensorScope s = TensorScope.open()) {
      Tensor y = a.add(a);
      assertSame(first, y.storage().floats(), "the released array serves the next result");
      assertEquals(2f, y.toFloatArray()[R * C - 1]);
    }
  }

  @Test
  void arraysHandedToTheCallerAreNeverRecycled() {
    Tensor x = Tensor.randn(new Generator(1), R, C);
    float[] expected = x.t().contiguous().toFloatArray();
    float[] got;
    try (TensorScope s = TensorScope.open()) {
      got = x.t().toFloatArray(); // a contiguous copy made inside the scope, handed out
    }
    try (TensorScope s = TensorScope.open()) {
      for (int i = 0; i < 4; i++) {
        x.t().contiguous().mul(0f).toFloatArray(); // would reuse a recycled array
      }
    }
    assertArrayEquals(expected, got);
  }

  @Test
  void smallResultsAndResultsOutsideScopesAreOrdinary() {
    Tensor small = Tensor.ones(4, 4);
    Tensor big = Tensor.ones(R, C);
    try (TensorScope s = TensorScope.open()) {
      assertFalse(TensorScope.isScoped(small.add(small)), "below MIN_POOLED");
      assertTrue(TensorScope.isScoped(big.add(big)));
      assertFalse(TensorScope.isScoped(Tensor.zeros(R, C)), "creation functions are not scoped");
    }
    assertFalse(TensorScope.isScoped(big.add(big)));
    assertEquals(null, TensorScope.current());
  }

  @Test
  void releasedTensorsAndTheirViewsRefuseToBeRead() {
    Tensor a = Tensor.ones(R, C);
    Tensor y;
    Tensor view;
    try (TensorScope s = TensorScope.open()) {
      y = a.add(a);
      view = y.narrow(0, 1, 2);
    }
    assertTrue(y.storage().isReleased());
    var e = assertThrows(IllegalStateException.class, y::toFloatArray);
    assertEquals(
        "tensor storage of 960 floats was released: its TensorScope closed and recycled the memory;"
            + " use the tensor inside the scope, or call scope.keep(tensor) (or"
            + " TensorScope.persist(tensor)) before the scope closes",
        e.getMessage());
    assertThrows(IllegalStateException.class, () -> view.add(a.narrow(0, 0, 2)));
    assertThrows(IllegalStateException.class, () -> y.sum().item());
  }

  @Test
  void keepMovesToTheEnclosingScopeOrOutOfAll() {
    Tensor a = Tensor.ones(R, C);
    Tensor kept;
    Tensor inner;
    try (TensorScope outer = TensorScope.open()) {
      try (TensorScope s = TensorScope.open()) {
        inner = s.keep(a.add(a));
        assertSame(a, s.keep(a), "a tensor from outside is returned unchanged");
      }
      assertEquals(2f, inner.toFloatArray()[0], "kept past the inner scope");
      kept = outer.keep(inner);
      assertSame(inner, kept);
    }
    assertEquals(2f, kept.toFloatArray()[5], "kept past the outer scope");
    assertFalse(TensorScope.isScoped(kept));

    Tensor fromInner;
    try (TensorScope outer = TensorScope.open()) {
      try (TensorScope nested = TensorScope.open()) {
        fromInner = outer.keep(a.sub(a)); // owned by the inner scope, kept past the outer one
      }
      assertEquals(0f, fromInner.toFloatArray()[0], "survives the inner scope");
    }
    assertFalse(TensorScope.isScoped(fromInner));
    assertEquals(0f, fromInner.toFloatArray()[R * C - 1], "and the outer one");

    Tensor persisted;
    try (TensorScope outer = TensorScope.open()) {
      try (TensorScope s = TensorScope.open()) {
        persisted = TensorScope.persist(a.mul(a));
      }
    }
    assertEquals(1f, persisted.toFloatArray()[7]);
  }

  @Test
  void leavesAndGradientsSurvive() {
    Tensor w;
    Tensor x = Tensor.ones(R, C);
    try (TensorScope s = TensorScope.open()) {
      w = x.mul(3f).requiresGrad(true);
      w.mul(x).sum().backward();
    }
    assertEquals(3f, w.toFloatArray()[0], "a leaf marked requiresGrad is persisted");
    assertEquals(1f, w.grad().toFloatArray()[0], "its gradient too");
    try (TensorScope s = TensorScope.open()) {
      w.mul(x).sum().backward(); // accumulates into the existing gradient
    }
    assertEquals(2f, w.grad().toFloatArray()[R * C - 1]);
  }

  @Test
  void misuseIsReported() {
    TensorScope outer = TensorScope.open();
    TensorScope inner = TensorScope.open();
    var e = assertThrows(IllegalStateException.class, outer::close);
    assertTrue(e.getMessage().contains("close scopes in reverse order"), e.getMessage());
    inner.close();
    inner.close(); // twice: nothing
    outer.close();
    assertThrows(IllegalStateException.class, () -> outer.keep(Tensor.ones(2)));

    TensorScope mine = TensorScope.open();
    Throwable err = inAnotherThread(mine::close);
    mine.close();
    assertTrue(err instanceof IllegalStateException);
    assertTrue(err.getMessage().contains("belongs to thread"), err.getMessage());

    Tensor released;
    try (TensorScope s = TensorScope.open()) {
      released = Tensor.ones(R, C).add(1f);
    }
    try (TensorScope s = TensorScope.open()) {
      assertThrows(IllegalStateException.class, () -> s.keep(released));
      assertThrows(IllegalStateException.class, () -> TensorScope.persist(released));
    }
  }

  @Test
  void eachThreadHasItsOwnScopesAndPool() {
    Tensor a = Tensor.ones(R, C);
    try (TensorScope s = TensorScope.open()) {
      AtomicReference<Boolean> scopedThere = new AtomicReference<>();
      inAnotherThread(() -> scopedThere.set(TensorScope.isScoped(a.add(a))));
      assertFalse(scopedThere.get(), "another thread has no open scope");
      assertTrue(TensorScope.isScoped(a.add(a)));
    }
  }

  @Test
  void aBadPoolSizeIsReported() {
    String old = System.getProperty("lernwerk.scopePoolMiB");
    System.setProperty("lernwerk.scopePoolMiB", "lots");
    try {
      Throwable err = inAnotherThread(() -> TensorScope.open().close());
      assertEquals("lernwerk.scopePoolMiB: expected a whole number of MiB from 0 to 1073741824,"
          + " got 'lots'", err.getMessage());
    } finally {
      restore(old);
    }
  }

  /** Runs {@code r} on a new thread and waits for it; returns what it threw, or null. */
  private static Throwable inAnotherThread(Runnable r) {
    AtomicReference<Throwable> err = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        r.run();
      } catch (Throwable x) {
        err.set(x);
      }
    }, "other");
    t.start();
    try {
      t.join();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    return err.get();
  }

  private static void restore(String old) {
    if (old == null) {
      System.clearProperty("lernwerk.scopePoolMiB");
    } else {
      System.setProperty("lernwerk.scopePoolMiB", old);
    }
  }

  @Test
  void poolRespectsItsCap() {
    String old = System.getProperty("lernwerk.scopePoolMiB");
    System.setProperty("lernwerk.scopePoolMiB", "0");
    try {
      AtomicReference<Long> pooled = new AtomicReference<>();
      AtomicReference<float[][]> arrays = new AtomicReference<>();
      inAnotherThread(() -> {
        Tensor a = Tensor.ones(R, C);
        float[] first;
        try (TensorScope s = TensorScope.open()) {
          first = a.add(a).storage().floats();
        }
        float[] second;
        try (TensorScope s = TensorScope.open()) {
          second = a.add(a).storage().floats();
        }
        pooled.set(TensorScope.pooledBytes());
        arrays.set(new float[][] {first, second});
      });
      assertEquals(0L, pooled.get());
      assertNotSame(arrays.get()[0], arrays.get()[1], "a zero cap pools nothing");
    } finally {
      restore(old);
    }
  }
}
