package dev.lernwerk.tensor;

import static org.junit.jupiter.api.Assertions.*;

import dev.lernwerk.autograd.GradCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void basics() {
    var gen = new Generator(0);
    Tensor x = Tensor.randn(gen, 4, 3);
    Tensor w = Tensor.randn(gen, 3, 2).requiresGrad(true);
    Tensor loss = x.matmul(w).relu().sum();
    loss.backward();
    assertArrayEquals(new int[] {3, 2}, w.grad().shape());
    System.out.println(x);
    System.out.println(w.grad());
    Tensor a = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
    assertArrayEquals(new float[] {2, 4, 6, 8}, a.add(a).toFloatArray());
    assertArrayEquals(new float[] {4, 6}, a.sum(0, false).toFloatArray());
    assertArrayEquals(new float[] {3, 7}, a.sum(1, false).toFloatArray());
    assertArrayEquals(new float[] {7, 10, 15, 22}, a.matmul(a).toFloatArray());
    assertArrayEquals(new float[] {10, 14, 14, 20}, a.t().matmul(a).toFloatArray());
    System.out.println(a.softmax(1));
    System.out.println(Tensor.cat(List.of(a, a), 0));
  }

  @Test
  void gradchecks() {
    var gen = new Generator(1);
    Tensor a = Tensor.randn(gen, 3, 4);
    Tensor b = Tensor.randn(gen, 4);
    Tensor m = Tensor.randn(gen, 4, 5);
    assertTrue(GradCheck.check(in -> in[0].mul(in[1]).add(in[1]), a, b).ok());
    var r = GradCheck.check(in -> in[0].matmul(in[1]), a, m);
    assertTrue(r.ok(), r.report());
    r = GradCheck.check(in -> in[0].softmax(1), a);
    assertTrue(r.ok(), r.report());
    r = GradCheck.check(in -> in[0].logSoftmax(0), a);
    assertTrue(r.ok(), r.report());
    r = GradCheck.check(in -> in[0].t().matmul(in[1].t()), m, a);
    assertTrue(r.ok(), r.report());
    r = GradCheck.check(in -> in[0].var(new int[] {1}, true, false), a);
    assertTrue(r.ok(), r.report());
    r = GradCheck.check(in -> in[0].max(1, false).values(), a);
    assertTrue(r.ok(), r.report());
    r = GradCheck.check(in -> in[0].reshape(2, 1, 6).matmul(in[1].reshape(6, 2)), a, a);
    assertTrue(r.ok(), r.report());
  }
}
