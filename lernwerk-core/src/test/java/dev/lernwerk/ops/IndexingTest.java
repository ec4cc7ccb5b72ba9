package dev.lernwerk.ops;

import static dev.lernwerk.testkit.Assert.close;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lernwerk.tensor.DType;
import dev.lernwerk.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Known values of indexSelect, gather, scatterAdd and oneHot. */
class IndexingTest {
  private static final Tensor M = Tensor.arange(12).reshape(3, 4); // row i: 4i .. 4i+3

  @Test
  void indexSelect() {
    Tensor idx = Tensor.ofInts(new int[] {2, 0, 2});
    close("rows", new float[] {8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11}, M.indexSelect(0, idx), 0, 0);
    Tensor cols = M.indexSelect(1, Tensor.ofInts(new int[] {3, 1}));
    assertArrayEquals(new int[] {3, 2}, cols.shape());
    close("columns", new float[] {3, 1, 7, 5, 11, 9}, cols, 0, 0);
    close("of a transposed view", new float[] {1, 5, 9}, M.t().indexSelect(0,
        Tensor.ofInts(new int[] {1})), 0, 0);
    Tensor ints = Tensor.ofInts(new int[] {10, 20, 30}).indexSelect(0, Tensor.ofInts(new int[] {2, 2}));
    assertEquals(DType.INT32, ints.dtype());
    assertArrayEquals(new int[] {30, 30}, ints.toIntArray());
    assertArrayEquals(new int[] {0, 4}, M.indexSelect(0, Tensor.ofInts(new int[0])).shape());
  }

  @Test
  void indexSelectGradientAccumulatesRepeats() {
    Tensor x = Tensor.zeros(3, 2).requiresGrad(true);
    x.indexSelect(0, Tensor.ofInts(new int[] {2, 0, 2})).sum().backward();
    close("d indexSelect", new float[] {1, 1, 0, 0, 2, 2}, x.grad(), 0, 0);
  }

  @Test
  void gather() {
    Tensor idx = Tensor.ofInts(new int[] {0, 3, 1, 1, 2, 0}, 3, 2);
    close("gather 1", new float[] {0, 3, 5, 5, 10, 8}, M.gather(1, idx), 0, 0);
    Tensor idx0 = Tensor.ofInts(new int[] {2, 0, 1, 2}, 1, 4);
    close("gather 0", new float[] {8, 1, 6, 11}, M.gather(0, idx0), 0, 0);
    Tensor picked = M.gather(1, Tensor.ofInts(new int[] {1, 2, 3}, 3, 1));
    assertArrayEquals(new int[] {3, 1}, picked.shape());
    close("pick one per row", new float[] {1, 6, 11}, picked, 0, 0);
    close("gather from a transposed view", new float[] {4, 1}, M.t().gather(1,
        Tensor.ofInts(new int[] {1, 0}, 2, 1)), 0, 0);
    Tensor gi = Tensor.ofInts(new int[] {5, 6, 7, 8}, 2, 2).gather(1, Tensor.ofInts(new int[] {1, 1}, 2, 1));
    assertEquals(DType.INT32, gi.dtype());
    assertArrayEquals(new int[] {6, 8}, gi.toIntArray());
  }

  @Test
  void scatterAdd() {
    Tensor self = Tensor.ones(2, 3);
    Tensor idx = Tensor.ofInts(new int[] {0, 2, 2, 1}, 2, 2);
    Tensor src = Tensor.of(new float[] {10, 20, 30, 40}, 2, 2);
    Tensor r = self.scatterAdd(1, idx, src);
    // row 0: +10 at 0, +20 at 2; row 1: +30 at 2, +40 at 1
    close("scatterAdd 1", new float[] {11, 1, 21, 1, 41, 31}, r, 0, 0);
    close("self unchanged", Tensor.ones(2, 3), self, 0, 0);
    Tensor r0 = Tensor.zeros(3, 2).scatterAdd(0, Tensor.ofInts(new int[] {2, 2, 2, 0}, 2, 2),
        Tensor.of(new float[] {1, 2, 3, 4}, 2, 2));
    close("scatterAdd 0 duplicates add up", new float[] {0, 4, 0, 0, 4, 2}, r0, 0, 0);
    Tensor big = Tensor.arange(6).reshape(2, 3);
    Tensor part = Tensor.zeros(2, 2).scatterAdd(1, Tensor.ofInts(new int[] {1, 1}, 2, 1), big);
    close("src larger than index: only the indexed part is used", new float[] {0, 0, 0, 3}, part, 0,
        0);
  }

  @Test
  void oneHot() {
    Tensor o = Tensor.ofInts(new int[] {2, 0, 1}).oneHot(3);
    assertArrayEquals(new int[] {3, 3}, o.shape());
    assertEquals(DType.FLOAT32, o.dtype());
    close("oneHot", new float[] {0, 0, 1, 1, 0, 0, 0, 1, 0}, o, 0, 0);
    Tensor o2 = Tensor.ofInts(new int[] {1, 0, 3, 2}, 2, 2).oneHot(4);
    assertArrayEquals(new int[] {2, 2, 4}, o2.shape());
    assertArrayEquals(new int[] {1, 0, 3, 2}, o2.argmax(-1, false).flatten().toIntArray());
    assertArrayEquals(new int[] {0, 5}, Tensor.ofInts(new int[0]).oneHot(5).shape());
  }
}
