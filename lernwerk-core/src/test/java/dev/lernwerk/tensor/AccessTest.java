package dev.lernwerk.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** item(), toFloatArray(), toIntArray(), get/set and the metadata accessors. */
class AccessTest {

  @Test
  void item() {
    assertEquals(3f, Tensor.scalar(3).item());
    assertEquals(7f, Tensor.full(7f, 1, 1, 1).item());
    assertEquals(5f, Tensor.arange(10).narrow(0, 5, 1).item(), "item of a view uses its offset");
    assertEquals(2f, Tensor.ofInts(new int[] {2}).item());
    assertEquals(1f, Tensor.ofBools(new boolean[] {true}).item());
    assertThrows(IllegalStateException.class, () -> Tensor.zeros(0).item());
  }

  @Test
  void toArraysAreFreshCopiesInLogicalOrder() {
    float[] data = {1, 2, 3, 4, 5, 6};
    Tensor t = Tensor.wrap(data, 2, 3);
    float[] out = t.toFloatArray();
    assertArrayEquals(data, out);
    out[0] = 100;
    assertEquals(1f, t.get(0, 0), "toFloatArray returns a copy");
    assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, t.t().toFloatArray());
    assertArrayEquals(new float[] {2, 5}, t.select(1, 1).toFloatArray());
    assertArrayEquals(new float[] {4, 5, 6}, t.narrow(0, 1, 1).toFloatArray());
    assertArrayEquals(new float[] {3, 3}, t.select(1, 2).narrow(0, 0, 1).expand(2).toFloatArray());
    assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, Tensor.ofInts(new int[] {1, 2, 3, 4, 5, 6},
        2, 3).t().toFloatArray());
    assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6}, t.toIntArray());
    int[] raw = {7, 8, 9};
    Tensor it = Tensor.wrapInts(raw, 3);
    int[] copy = it.toIntArray();
    copy[0] = 0;
    assertEquals(7, raw[0], "toIntArray returns a copy");
    assertArrayEquals(new int[] {8, 9}, it.narrow(0, 1, 2).toIntArray());
    assertArrayEquals(new float[0], Tensor.zeros(0, 3).toFloatArray());
  }

  @Test
  void getAndSet() {
    Tensor t = Tensor.arange(6).reshape(2, 3);
    assertEquals(5f, t.get(1, 2));
    assertEquals(5f, t.get(-1, -1));
    assertEquals(3f, t.get(-1, 0));
    assertEquals(4, t.getInt(1, 1));
    int v = t.storage().version();
    t.set(9f, 0, -1);
    assertEquals(9f, t.get(0, 2));
    assertEquals(v + 1, t.storage().version(), "set bumps the version");
    Tensor i = Tensor.ofInts(new int[] {1, 2});
    i.set(7.9f, 1);
    assertEquals(7, i.getInt(1));
    assertEquals(4.5f, Tensor.scalar(4.5f).get());
  }

  @Test
  void metadataAccessorsReturnCopies() {
    Tensor t = Tensor.zeros(2, 3, 4);
    int[] s = t.shape();
    s[0] = 100;
    assertArrayEquals(new int[] {2, 3, 4}, t.shape());
    int[] st = t.strides();
    st[0] = 100;
    assertArrayEquals(new int[] {12, 4, 1}, t.strides());
    assertEquals(3, t.dim());
    assertEquals(24, t.numel());
    assertEquals(4, t.size(-1));
    assertEquals(2, t.size(0));
    assertEquals(0, Tensor.scalar(1).dim());
  }
}
