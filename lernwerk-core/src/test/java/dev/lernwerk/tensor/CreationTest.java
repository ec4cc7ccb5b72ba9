package dev.lernwerk.tensor;

import static dev.lernwerk.testkit.Assert.close;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** Factories: values, shapes, dtypes, copying versus wrapping. */
class CreationTest {

  @Test
  void constantFactories() {
    Tensor z = Tensor.zeros(2, 3);
    assertArrayEquals(new int[] {2, 3}, z.shape());
    assertEquals(DType.FLOAT32, z.dtype());
    close("zeros", new float[6], z, 0, 0);
    close("ones", new float[] {1, 1, 1}, Tensor.ones(3), 0, 0);
    close("full", new float[] {2.5f, 2.5f}, Tensor.full(2.5f, 2, 1), 0, 0);
    assertArrayEquals(new int[] {2, 1}, Tensor.full(2.5f, 2, 1).shape());
    assertEquals(DType.INT32, Tensor.zeros(DType.INT32, 4).dtype());
    assertEquals(DType.BOOL, Tensor.zeros(DType.BOOL, 4).dtype());
    assertArrayEquals(new int[] {0, 0}, Tensor.zeros(DType.INT32, 2).toIntArray());
    assertArrayEquals(new int[] {3, 2}, Tensor.zerosLike(Tensor.ones(3, 2)).shape());
    close("onesLike", new float[] {1, 1}, Tensor.onesLike(Tensor.zeros(2)), 0, 0);
    Tensor s = Tensor.scalar(4.5f);
    assertEquals(0, s.dim());
    assertEquals(1, s.numel());
    assertEquals(4.5f, s.item());
    assertEquals(1, Tensor.zeros().numel(), "zeros() is a scalar");
    assertEquals(0, Tensor.zeros(3, 0).numel());
  }

  @Test
  void fromArrays() {
    float[] data = {1, 2, 3, 4};
    Tensor copied = Tensor.of(data, 2, 2);
    Tensor wrapped = Tensor.wrap(data, 2, 2);
    data[0] = 99;
    assertEquals(1f, copied.get(0, 0), "of copies");
    assertEquals(99f, wrapped.get(0, 0), "wrap shares the array");
    assertSame(data, wrapped.storage().floats());
    assertArrayEquals(new int[] {4}, Tensor.of(new float[] {1, 2, 3, 4}).shape());
    Tensor m = Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}});
    assertArrayEquals(new int[] {2, 3}, m.shape());
    assertEquals(6f, m.get(1, 2));
    Tensor i = Tensor.ofInts(new int[] {3, -1});
    assertEquals(DType.INT32, i.dtype());
    assertArrayEquals(new int[] {3, -1}, i.toIntArray());
    Tensor b = Tensor.ofBools(new boolean[] {true, false, true}, 3, 1);
    assertEquals(DType.BOOL, b.dtype());
    assertArrayEquals(new int[] {1, 0, 1}, b.toIntArray());
    assertArrayEquals(new int[] {3, 1}, b.shape());
    int[] raw = {5, 6};
    Tensor wi = Tensor.wrapInts(raw, 2);
    raw[1] = 7;
    assertEquals(7, wi.getInt(1));
  }

  @Test
  void arange() {
    close("arange(5)", new float[] {0, 1, 2, 3, 4}, Tensor.arange(5), 0, 0);
    close("arange(1, 2, 0.25)", new float[] {1, 1.25f, 1.5f, 1.75f}, Tensor.arange(1, 2, 0.25), 0, 0);
    close("arange(5, 0, -2)", new float[] {5, 3, 1}, Tensor.arange(5, 0, -2), 0, 0);
    close("arange(0, 1, 0.1) has 10 values", new float[] {0, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f,
        0.7f, 0.8f, 0.9f}, Tensor.arange(0, 1, 0.1), 0, 1e-7);
    assertEquals(0, Tensor.arange(0).numel());
    assertEquals(0, Tensor.arange(3, 1, 1).numel());
    Tensor ai = Tensor.arangeInts(4);
    assertEquals(DType.INT32, ai.dtype());
    assertArrayEquals(new int[] {0, 1, 2, 3}, ai.toIntArray());
  }

  @Test
  void linspace() {
    close("linspace(0, 1, 5)", new float[] {0, 0.25f, 0.5f, 0.75f, 1}, Tensor.linspace(0, 1, 5), 0,
        0);
    close("linspace(-1, 1, 1)", new float[] {-1}, Tensor.linspace(-1, 1, 1), 0, 0);
    assertEquals(0, Tensor.linspace(0, 1, 0).numel());
    close("linspace(3, -3, 4)", new float[] {3, 1, -1, -3}, Tensor.linspace(3, -3, 4), 0, 0);
    Tensor l = Tensor.linspace(0, 0.3, 7);
    assertEquals(0.3f, l.get(6), "the last value is exactly end");
    assertEquals(0f, l.get(0));
    close("linspace(0, 0.3, 7)", new float[] {0, 0.05f, 0.1f, 0.15f, 0.2f, 0.25f, 0.3f}, l, 0, 1e-6);
  }

  @Test
  void eye() {
    close("eye(3)", new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, Tensor.eye(3), 0, 0);
    close("eye(2, 3)", new float[] {1, 0, 0, 0, 1, 0}, Tensor.eye(2, 3), 0, 0);
    close("eye(3, 2)", new float[] {1, 0, 0, 1, 0, 0}, Tensor.eye(3, 2), 0, 0);
    assertArrayEquals(new int[] {0, 0}, Tensor.eye(0).shape());
  }

  @Test
  void conversions() {
    Tensor f = Tensor.of(new float[] {-1.7f, 0, 2.9f, 0.2f});
    Tensor i = f.toInt();
    assertEquals(DType.INT32, i.dtype());
    assertArrayEquals(new int[] {-1, 0, 2, 0}, i.toIntArray(), "truncates toward zero");
    Tensor b = f.to(DType.BOOL);
    assertArrayEquals(new int[] {1, 0, 1, 1}, b.toIntArray());
    close("bool to float", new float[] {1, 0, 1, 1}, b.toFloat(), 0, 0);
    assertArrayEquals(new int[] {1, 0}, Tensor.ofInts(new int[] {5, 0}).to(DType.BOOL).toIntArray());
    Tensor same = f.to(DType.FLOAT32);
    assertEquals(DType.FLOAT32, same.dtype());
    same.set(9f, 0);
    assertEquals(-1.7f, f.get(0), "to() the same dtype still copies");
    Tensor t = Tensor.of(new float[] {1.5f, 2.5f, 3.5f, 4.5f}, 2, 2).t();
    assertArrayEquals(new int[] {1, 3, 2, 4}, t.toInt().toIntArray(), "of a transposed view");
    assertArrayEquals(new int[] {1, 3, 2, 4}, t.toIntArray());
  }
}
