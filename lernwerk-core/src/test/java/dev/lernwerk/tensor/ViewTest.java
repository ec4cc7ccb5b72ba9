package dev.lernwerk.tensor;

import static dev.lernwerk.testkit.Assert.close;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Views share storage with their base: strides, offsets, write-through, copies when needed. */
class ViewTest {

  private static Tensor base() {
    return Tensor.arange(24).reshape(2, 3, 4);
  }

  @Test
  void stridesAndOffsets() {
    Tensor b = base();
    assertArrayEquals(new int[] {12, 4, 1}, b.strides());
    assertEquals(0, b.offset());
    assertTrue(b.isContiguous());
    Tensor s = b.slice(2, 1, 4, 2);
    assertArrayEquals(new int[] {2, 3, 2}, s.shape());
    assertArrayEquals(new int[] {12, 4, 2}, s.strides());
    assertEquals(1, s.offset());
    assertFalse(s.isContiguous());
    Tensor n = b.narrow(1, 1, 2);
    assertEquals(4, n.offset());
    Tensor sel = b.select(0, 1).select(1, 2);
    assertArrayEquals(new int[] {3}, sel.shape());
    assertArrayEquals(new int[] {4}, sel.strides());
    assertEquals(14, sel.offset());
    Tensor t = b.transpose(0, 2);
    assertArrayEquals(new int[] {1, 4, 12}, t.strides());
    assertFalse(t.isContiguous());
    Tensor e = Tensor.zeros(3, 1).expand(3, 5);
    assertArrayEquals(new int[] {1, 0}, e.strides());
    assertFalse(e.isContiguous());
    assertTrue(Tensor.zeros(1, 4).expand(1, 4).isContiguous());
    assertTrue(b.narrow(0, 1, 1).isContiguous(), "a row block is contiguous (offset 12)");
    assertTrue(b.select(2, 0).unsqueeze(2).narrow(1, 0, 1).squeeze().dim() == 1);
  }

  @Test
  void viewsShareStorageAndWriteThrough() {
    Tensor b = base();
    List<Tensor> views = List.of(b.reshape(6, 4), b.view(-1), b.transpose(0, 1), b.permute(2, 0, 1),
        b.narrow(2, 1, 2), b.slice(1, 0, 3, 2), b.select(0, 1), b.squeeze(), b.unsqueeze(1),
        b.flatten(1, 2), b.detach(), b.split(1, 0).get(1), b.chunk(2, 2).get(0),
        b.select(1, 0).unsqueeze(1).expand(2, 5, 4), b.contiguous());
    for (Tensor v : views) {
      assertSame(b.storage(), v.storage(), "view " + v);
    }
    Tensor tr = b.transpose(0, 2); // tr[k][j][i] = b[i][j][k]
    tr.set(-1f, 3, 2, 1);
    assertEquals(-1f, b.get(1, 2, 3), "a write through a transposed view shows in the base");
    b.set(-2f, 0, 1, 2);
    assertEquals(-2f, b.slice(2, 0, 4, 2).get(0, 1, 1), "a write to the base shows in a view");
    Tensor row = b.select(0, 1).select(0, 0);
    try (var g = dev.lernwerk.autograd.Grad.disabled()) {
      row.add_(100f);
    }
    close("in-place add through a view", new float[] {112, 113, 114, 115}, b.select(0, 1).select(0, 0),
        0, 0);
    assertEquals(16f, b.get(1, 1, 0), "elements outside the view are untouched");
  }

  @Test
  void reshapeOfNonContiguousCopiesButViewThrows() {
    Tensor b = Tensor.arange(6).reshape(2, 3);
    Tensor t = b.t();
    Tensor r = t.reshape(6);
    assertNotSame(b.storage(), r.storage(), "reshape of a transposed tensor copies");
    close("copied values in logical order", new float[] {0, 3, 1, 4, 2, 5}, r, 0, 0);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.view(6));
    assertTrue(e.getMessage().startsWith("view: shape [6] cannot be a view of a tensor of shape"
        + " [3, 2]"), e.getMessage());
    assertTrue(e.getMessage().contains("use reshape(), or contiguous() first"));
    // splitting or merging dims that stay contiguous is still a view
    Tensor v = t.view(3, 1, 2);
    assertSame(b.storage(), v.storage());
    assertEquals(1, v.strides()[0]);
    assertEquals(3, v.strides()[2]);
    close("split view of a transposed tensor", new float[] {0, 3, 1, 4, 2, 5}, v, 0, 0);
    Tensor sliced = Tensor.arange(12).reshape(3, 4).narrow(1, 0, 2); // rows of 2 with stride 4
    Tensor merged = sliced.reshape(6);
    assertNotSame(sliced.storage(), merged.storage());
    close("merged sliced rows", new float[] {0, 1, 4, 5, 8, 9}, merged, 0, 0);
    assertSame(sliced.storage(), sliced.view(3, 2, 1).storage());
    Tensor expanded = Tensor.of(new float[] {1, 2}).unsqueeze(0).expand(3, 2);
    assertThrows(IllegalStateException.class, () -> expanded.view(6));
    close("reshape of an expanded view", new float[] {1, 2, 1, 2, 1, 2}, expanded.reshape(6), 0, 0);
  }

  @Test
  void contiguousCopiesOnlyWhenNeeded() {
    Tensor b = base();
    assertSame(b, b.contiguous());
    Tensor t = b.transpose(1, 2);
    Tensor c = t.contiguous();
    assertNotSame(t.storage(), c.storage());
    assertTrue(c.isContiguous());
    assertArrayEquals(t.toFloatArray(), c.toFloatArray());
    Tensor n = b.narrow(0, 1, 1);
    assertSame(n, n.contiguous(), "contiguous with an offset needs no copy");
    Tensor k = b.clone();
    assertNotSame(b.storage(), k.storage());
    k.set(-5, 0, 0, 0);
    assertEquals(0f, b.get(0, 0, 0), "a clone does not write through");
  }

  @Test
  void viewsSeeTheStorageVersion() {
    Tensor b = Tensor.zeros(4);
    Tensor v = b.narrow(0, 1, 2);
    int before = b.storage().version();
    v.fill_(1f);
    assertEquals(before + 1, b.storage().version());
    assertEquals(b.storage().version(), v.storage().version());
    close("fill_ through a view", new float[] {0, 1, 1, 0}, b, 0, 0);
  }

  @Test
  void fromStorageChecksBounds() {
    Storage s = Storage.ofFloats(new float[] {0, 1, 2, 3, 4, 5});
    Tensor t = Tensor.fromStorage(s, DType.FLOAT32, new int[] {2, 2}, new int[] {1, 3}, 1);
    close("custom strides", new float[] {1, 4, 2, 5}, t, 0, 0);
    IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
        () -> Tensor.fromStorage(s, DType.FLOAT32, new int[] {2, 3}, new int[] {3, 1}, 1));
    assertEquals("fromStorage: view shape [2, 3] strides [3, 1] offset 1 addresses elements [1, 6]"
        + " outside a storage of 6 elements", e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> Tensor.fromStorage(s, DType.INT32, new int[] {2}, new int[] {1}, 0));
  }
}
