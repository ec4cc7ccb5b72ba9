package dev.lernwerk.tensor;

import static dev.lernwerk.testkit.Assert.identical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lernwerk.kernel.Parallel;
import dev.lernwerk.kernel.Strided;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Same seed ⇒ same bits, for a whole forward + backward run and across thread counts. */
@Tag("kernels")
class DeterminismTest {

  /** A tiny two-layer classifier step: returns the loss and every gradient. */
  static List<Tensor> trainingStep(long seed) {
    Generator gen = new Generator(seed);
    Generator init = gen.split();
    Generator data = gen.split();
    Tensor w1 = Tensor.randn(init, 8, 16).mul(0.3f).requiresGrad(true);
    Tensor b1 = Tensor.zeros(16).requiresGrad(true);
    Tensor w2 = Tensor.randn(init, 16, 4).mul(0.3f).requiresGrad(true);
    Tensor x = Tensor.randn(data, 32, 8);
    Tensor y = Tensor.randint(data, 0, 4, 32, 1);
    Tensor keep = Tensor.bernoulli(data, 0.9, 32, 16);
    Tensor h = x.matmul(w1).add(b1).relu().mul(keep);
    Tensor loss = h.matmul(w2).logSoftmax(-1).gather(1, y).mean().neg();
    loss.backward();
    return List.of(loss.detach(), w1.grad(), b1.grad(), w2.grad());
  }

  @Test
  void sameSeedSameForwardAndBackward() {
    List<Tensor> a = trainingStep(2024);
    List<Tensor> b = trainingStep(2024);
    for (int i = 0; i < a.size(); i++) {
      identical("training step output " + i, a.get(i), b.get(i));
    }
    assertTrue(a.get(0).item() != trainingStep(2025).get(0).item(), "another seed, another loss");
  }

  private static List<Tensor> largeOps() {
    Generator g = new Generator(99);
    Tensor a = Tensor.randn(g, 600, 500); // 300k elements: several grains
    Tensor b = Tensor.randn(g, 500);
    List<Tensor> out = new ArrayList<>();
    out.add(a.add(b));
    out.add(a.mul(a.t().contiguous().t()));
    out.add(a.exp());
    out.add(a.t().sigmoid());
    out.add(a.sum(0, false));
    out.add(a.sum(1, false));
    out.add(a.sum());
    out.add(a.t().sum(1, false));
    out.add(a.max(1, false).values());
    out.add(a.softmax(1));
    out.add(a.logSoftmax(0));
    out.add(a.mean(new int[] {0}, true));
    out.add(a.var(new int[] {1}, true, false));
    out.add(a.gt(0f).toFloat());
    out.add(a.clone().add_(a, 0.5f));
    Tensor w = a.detach().requiresGrad(true);
    w.mul(w).sum(0, false).sum().backward();
    out.add(w.grad());
    return out;
  }

  @Test
  void sameBitsWithOneAndTwoThreads() {
    int old = Parallel.threads();
    try {
      Parallel.setThreads(1);
      List<Tensor> one = largeOps();
      Parallel.setThreads(2);
      assertTrue(Parallel.chunks(300_000, Strided.GRAIN) > 1, "the work is really split");
      List<Tensor> two = largeOps();
      assertEquals(one.size(), two.size());
      for (int i = 0; i < one.size(); i++) {
        identical("large op " + i + " with 1 vs 2 threads", one.get(i), two.get(i));
      }
    } finally {
      Parallel.setThreads(old);
    }
    assertEquals(old, Parallel.threads());
  }
}
