package dev.lernwerk.ops;

import static dev.lernwerk.testkit.Assert.close;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.lernwerk.tensor.DType;
import dev.lernwerk.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Known values and shapes of the shape and movement ops. */
class MovementTest {
  private static final Tensor M = Tensor.arange(6).reshape(2, 3); // [[0 1 2] [3 4 5]]

  @Test
  void reshapeFamily() {
    assertArrayEquals(new int[] {3, 2}, M.reshape(3, -1).shape());
    assertArrayEquals(new int[] {6}, M.reshape(-1).shape());
    assertArrayEquals(new int[] {1, 6, 1}, M.reshape(1, -1, 1).shape());
    close("reshape keeps row-major order", new float[] {0, 1, 2, 3, 4, 5}, M.reshape(3, 2), 0, 0);
    assertArrayEquals(new int[] {6}, M.flatten().shape());
    Tensor c = Tensor.arange(24).reshape(2, 3, 4);
    assertArrayEquals(new int[] {6, 4}, c.flatten(0, 1).shape());
    assertArrayEquals(new int[] {2, 12}, c.flatten(1, -1).shape());
    assertArrayEquals(new int[] {2, 3, 4}, c.flatten(1, 1).shape());
    assertArrayEquals(new int[] {1}, Tensor.scalar(2).flatten().shape());
    assertArrayEquals(new int[] {0, 3}, Tensor.zeros(0, 6).reshape(-1, 3).shape());
    assertSame(M, M.reshape(2, 3), "same shape: the tensor itself");
  }

  @Test
  void squeezeUnsqueeze() {
    Tensor t = Tensor.zeros(1, 3, 1, 2);
    assertArrayEquals(new int[] {3, 2}, t.squeeze().shape());
    assertArrayEquals(new int[] {3, 1, 2}, t.squeeze(0).shape());
    assertArrayEquals(new int[] {1, 3, 2}, t.squeeze(-2).shape());
    assertSame(t, t.squeeze(1), "squeezing a dim that is not 1 is a no-op");
    assertArrayEquals(new int[] {}, Tensor.zeros(1, 1).squeeze().shape());
    assertArrayEquals(new int[] {1, 2, 3}, M.unsqueeze(0).shape());
    assertArrayEquals(new int[] {2, 1, 3}, M.unsqueeze(1).shape());
    assertArrayEquals(new int[] {2, 3, 1}, M.unsqueeze(-1).shape());
    assertArrayEquals(new int[] {2, 3, 1}, M.unsqueeze(2).shape());
    assertArrayEquals(new int[] {1}, Tensor.scalar(1).unsqueeze(0).shape());
  }

  @Test
  void transposeAndPermute() {
    close("t()", new float[] {0, 3, 1, 4, 2, 5}, M.t(), 0, 0);
    close("transpose(0, 1)", new float[] {0, 3, 1, 4, 2, 5}, M.transpose(0, 1), 0, 0);
    close("transpose(-1, 0)", new float[] {0, 3, 1, 4, 2, 5}, M.transpose(-1, 0), 0, 0);
    Tensor v = Tensor.arange(3);
    assertSame(v, v.t(), "t() of a vector is itself");
    Tensor c = Tensor.arange(24).reshape(2, 3, 4);
    Tensor p = c.permute(2, 0, 1);
    assertArrayEquals(new int[] {4, 2, 3}, p.shape());
    // p[k][i][j] = c[i][j][k] = 12i + 4j + k
    assertEquals(12 * 1 + 4 * 2 + 3, p.get(3, 1, 2));
    assertEquals(4 + 1, p.get(1, 0, 1));
    assertArrayEquals(new int[] {1, 12, 4}, p.strides());
    assertArrayEquals(new int[] {4, 2, 3}, c.permute(-1, 0, 1).shape());
    assertSame(c, c.permute(0, 1, 2));
    Tensor b = c.transpose(0, 2);
    assertArrayEquals(new int[] {4, 3, 2}, b.shape());
    assertEquals(c.get(1, 2, 3), b.get(3, 2, 1));
  }

  @Test
  void expand() {
    Tensor col = Tensor.of(new float[] {1, 2}, 2, 1);
    Tensor e = col.expand(2, 3);
    close("expand", new float[] {1, 1, 1, 2, 2, 2}, e, 0, 0);
    assertArrayEquals(new int[] {1, 0}, e.strides());
    close("expand new leading dim", new float[] {1, 1, 2, 2, 1, 1, 2, 2}, col.expand(2, 2, 2), 0, 0);
    assertArrayEquals(new int[] {2, 4}, col.expand(-1, 4).shape());
    assertArrayEquals(new int[] {3, 2, 5}, col.expand(3, -1, 5).shape());
    close("expandAs", new float[] {1, 1, 2, 2}, col.expandAs(Tensor.zeros(2, 2)), 0, 0);
    assertSame(col, col.expand(2, 1));
  }

  @Test
  void narrowSliceSelect() {
    Tensor x = Tensor.arange(10);
    close("narrow", new float[] {2, 3, 4}, x.narrow(0, 2, 3), 0, 0);
    close("narrow to the end", new float[] {8, 9}, x.narrow(0, 8, 2), 0, 0);
    assertArrayEquals(new int[] {0}, x.narrow(0, 10, 0).shape());
    close("slice step 3", new float[] {1, 4, 7}, x.slice(0, 1, 10, 3), 0, 0);
    close("slice negative bounds", new float[] {7, 8}, x.slice(0, -3, -1, 1), 0, 0);
    close("slice clamps out-of-range bounds", new float[] {0, 2, 4, 6, 8}, x.slice(0, -100, 100, 2),
        0, 0);
    assertArrayEquals(new int[] {0}, x.slice(0, 5, 2, 1).shape(), "empty when end < start");
    close("slice of rows", new float[] {3, 4, 5}, M.slice(0, 1, 2, 1), 0, 0);
    close("slice columns step 2", new float[] {0, 2, 3, 5}, M.slice(1, 0, 3, 2), 0, 0);
    assertArrayEquals(new int[] {2, 2}, M.slice(1, 0, 3, 2).shape());
    close("select row", new float[] {3, 4, 5}, M.select(0, 1), 0, 0);
    close("select last column", new float[] {2, 5}, M.select(1, -1), 0, 0);
    assertArrayEquals(new int[] {2}, M.select(1, 0).shape());
    assertEquals(4f, M.select(0, 1).select(0, 1).item());
    assertArrayEquals(new int[] {}, M.select(0, 1).select(0, 1).shape());
  }

  @Test
  void catStackSplitChunk() {
    Tensor a = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
    Tensor b = Tensor.of(new float[] {5, 6}, 1, 2);
    close("cat 0", new float[] {1, 2, 3, 4, 5, 6}, Tensor.cat(List.of(a, b), 0), 0, 0);
    Tensor c = Tensor.of(new float[] {7, 8}, 2, 1);
    Tensor r = Tensor.cat(List.of(a, c), 1);
    assertArrayEquals(new int[] {2, 3}, r.shape());
    close("cat 1", new float[] {1, 2, 7, 3, 4, 8}, r, 0, 0);
    close("cat -1 of a transposed view", new float[] {1, 3, 7, 2, 4, 8},
        Tensor.cat(List.of(a.t(), c), -1), 0, 0);
    Tensor ci = Tensor.cat(List.of(Tensor.ofInts(new int[] {1}), Tensor.ofInts(new int[] {2, 3})), 0);
    assertEquals(DType.INT32, ci.dtype());
    assertArrayEquals(new int[] {1, 2, 3}, ci.toIntArray());
    close("cat with an empty part", new float[] {1, 2, 3, 4},
        Tensor.cat(List.of(a, Tensor.zeros(0, 2)), 0), 0, 0);
    Tensor s = Tensor.stack(List.of(Tensor.of(new float[] {1, 2}), Tensor.of(new float[] {3, 4})), 0);
    assertArrayEquals(new int[] {2, 2}, s.shape());
    close("stack 0", new float[] {1, 2, 3, 4}, s, 0, 0);
    Tensor s1 = Tensor.stack(List.of(Tensor.of(new float[] {1, 2}), Tensor.of(new float[] {3, 4})), 1);
    close("stack 1", new float[] {1, 3, 2, 4}, s1, 0, 0);
    assertArrayEquals(new int[] {2, 2, 3},
        Tensor.stack(List.of(M, M), -1).permute(0, 2, 1).shape());
    assertArrayEquals(new int[] {2, 3, 2}, Tensor.stack(List.of(M, M), -1).shape());
    List<Tensor> parts = Tensor.arange(5).split(2, 0);
    assertEquals(3, parts.size());
    close("split 0", new float[] {0, 1}, parts.get(0), 0, 0);
    close("split 2", new float[] {4}, parts.get(2), 0, 0);
    List<Tensor> cols = M.split(2, 1);
    assertArrayEquals(new int[] {2, 2}, cols.get(0).shape());
    assertArrayEquals(new int[] {2, 1}, cols.get(1).shape());
    List<Tensor> ch = Tensor.arange(7).chunk(3, 0);
    assertEquals(3, ch.size());
    assertArrayEquals(new int[] {3}, ch.get(0).shape());
    assertArrayEquals(new int[] {1}, ch.get(2).shape());
    assertEquals(3, Tensor.arange(6).chunk(4, 0).size(), "like torch.chunk: ceil(6/4) = 2 per piece");
    assertEquals(2, Tensor.arange(2).chunk(5, 0).size());
  }

  @Test
  void contiguousAndClone() {
    Tensor t = M.t();
    Tensor c = t.contiguous();
    assertNotSame(t, c);
    assertArrayEquals(new int[] {2, 1}, c.strides());
    close("contiguous values", new float[] {0, 3, 1, 4, 2, 5}, c, 0, 0);
    assertSame(M, M.contiguous());
    Tensor k = M.clone();
    assertNotSame(M.storage(), k.storage());
    close("clone", M, k, 0, 0);
    Tensor ki = Tensor.ofInts(new int[] {1, 2}).clone();
    assertEquals(DType.INT32, ki.dtype());
  }
}
