package dev.lernwerk.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** toString: PyTorch-like nesting and alignment, dtypes, grad info, elision of large tensors. */
class FormatTest {

  @Test
  void smallFloatTensors() {
    assertEquals("tensor([1., 2., 3.])", Tensor.of(new float[] {1, 2, 3}).toString());
    assertEquals("tensor([ 0.5000, -1.2500, 10.0000])",
        Tensor.of(new float[] {0.5f, -1.25f, 10}).toString());
    assertEquals("tensor([[1., 2.],\n        [3., 4.]], shape=[2, 2])",
        Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).toString());
    assertEquals("tensor([[[1., 2.],\n         [3., 4.]],\n\n        [[5., 6.],\n         [7., 8.]]],"
        + " shape=[2, 2, 2])", Tensor.arange(1, 9, 1).reshape(2, 2, 2).toString());
    assertEquals("tensor([[1., 3.],\n        [2., 4.]], shape=[2, 2])",
        Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).t().toString(), "views print in logical order");
  }

  @Test
  void scalarsAndEmpty() {
    assertEquals("tensor(3.5000)", Tensor.scalar(3.5f).toString());
    assertEquals("tensor(2.)", Tensor.scalar(2).toString());
    assertEquals("tensor([])", Tensor.zeros(0).toString());
    assertEquals("tensor([], shape=[2, 0])", Tensor.zeros(2, 0).toString());
  }

  @Test
  void specialValues() {
    assertEquals("tensor([ nan,  inf, -inf,   1.])",
        Tensor.of(new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1})
            .toString());
    assertEquals("tensor([1.0000e-05, 2.5000e-05])", Tensor.of(new float[] {1e-5f, 2.5e-5f}).toString());
    assertEquals("tensor([1.0000e+09, 1.0000e+00])", Tensor.of(new float[] {1e9f, 1}).toString());
    assertEquals("tensor([0.0000, 0.5000])", Tensor.of(new float[] {0, 0.5f}).toString());
  }

  @Test
  void integerAndBoolDtypes() {
    assertEquals("tensor([ 1, -2, 30], dtype=int32)", Tensor.ofInts(new int[] {1, -2, 30}).toString());
    assertEquals("tensor([[1, 2],\n        [3, 4]], shape=[2, 2], dtype=int32)",
        Tensor.ofInts(new int[] {1, 2, 3, 4}, 2, 2).toString());
    assertEquals("tensor([ true, false], dtype=bool)",
        Tensor.ofBools(new boolean[] {true, false}).toString());
    assertEquals("tensor(7, dtype=int32)", Tensor.ofInts(new int[] {7}).reshape().toString());
  }

  @Test
  void gradInfo() {
    Tensor w = Tensor.of(new float[] {1, 2}).requiresGrad(true);
    assertEquals("tensor([1., 2.], requires_grad=true)", w.toString());
    assertEquals("tensor([2., 4.], grad_fn=add)", w.add(w).toString());
    assertEquals("tensor(3., grad_fn=sum)", w.sum().toString());
  }

  @Test
  void largeTensorsAreElided() {
    String s = Tensor.arange(2000).toString();
    assertEquals("tensor([   0.,    1.,    2., ..., 1997., 1998., 1999.], shape=[2000])", s);
    String m = Tensor.arange(10_000).reshape(100, 100).toString();
    assertTrue(m.startsWith("tensor([[   0.,    1.,    2., ...,   97.,   98.,   99.],\n"
        + "        [ 100.,  101.,  102., ...,  197.,  198.,  199.],\n"), m);
    assertTrue(m.contains("        ...,\n        [9700., 9701., 9702., ..., 9797., 9798., 9799.]"), m);
    assertTrue(m.endsWith("[9900., 9901., 9902., ..., 9997., 9998., 9999.]], shape=[100, 100])"), m);
    assertTrue(m.length() < 600, "elided: " + m.length() + " characters");
    String i = Tensor.arangeInts(1001).toString();
    assertTrue(i.startsWith("tensor([   0,    1,    2, ...,  998,  999, 1000], shape=[1001]"), i);
    assertTrue(i.endsWith("dtype=int32)"), i);
  }
}
