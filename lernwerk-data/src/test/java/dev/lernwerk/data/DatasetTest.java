package dev.lernwerk.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lernwerk.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetTest {
  @Test
  void tensorDatasetReturnsViews() {
    Tensor x = Tensor.arange(12).reshape(4, 3);
    Tensor y = Tensor.ofInts(new int[] {3, 1, 4, 1});
    var ds = new TensorDataset(x, y);
    assertEquals(4, ds.size());
    Example e = ds.get(2);
    assertArrayEquals(new float[] {6, 7, 8}, e.input().toFloatArray());
    assertEquals(4, e.label());
    assertEquals(0, e.target().dim());
    assertEquals(1f, e.weight());
    assertEquals(x.storage(), e.input().storage(), "get must return a view");
    assertArrayEquals(new int[] {3, 1, 4, 1}, Dataset.labels(ds));
    assertArrayEquals(new int[] {4, 3}, Dataset.labels(ds.subset(2, 0)));
  }

  @Test
  void tensorDatasetValidates() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> new TensorDataset(Tensor.zeros(4, 3), Tensor.zeros(5)));
    assertEquals("TensorDataset: inputs have 4 samples (shape [4, 3]) but targets have shape [5]"
        + " (dim 0 must match)", e.getMessage());
    var ds = new TensorDataset(Tensor.zeros(4, 3), Tensor.zeros(4));
    var oob = assertThrows(IndexOutOfBoundsException.class, () -> ds.get(4));
    assertEquals("TensorDataset: index 4 is out of range for a data set of size 4 (expected 0..3)",
        oob.getMessage());
    var w = assertThrows(IllegalArgumentException.class,
        () -> ds.withWeights(Tensor.of(new float[] {1, 1, -1, 1})));
    assertEquals("TensorDataset: weight -1.0 of sample 2 is invalid (expected finite and >= 0)",
        w.getMessage());
    assertEquals("TensorDataset.labels: the targets are float32 [4], expected class labels: int32"
        + " of shape [N]", assertThrows(IllegalStateException.class, ds::labels).getMessage());
  }

  @Test
  void nonContiguousInputsAreCopiedOnce() {
    Tensor x = Tensor.arange(6).reshape(2, 3).t(); // (3, 2), not contiguous
    var ds = new TensorDataset(x, Tensor.ofInts(new int[] {0, 1, 2}));
    assertArrayEquals(new float[] {1, 4}, ds.get(1).input().toFloatArray());
    Batch b = DataLoader.builder(ds).batchSize(3).build().iterator().next();
    assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, b.inputs().toFloatArray());
  }

  @Test
  void subsetAndConcat() {
    Dataset<Integer> a = Dataset.generate(3, i -> i);
    Dataset<Integer> empty = Dataset.of(List.of());
    Dataset<Integer> b = Dataset.of(List.of(10, 11));
    var c = new ConcatDataset<>(List.of(empty, a, empty, empty, b, empty));
    assertEquals(5, c.size());
    assertEquals(List.of(0, 1, 2, 10, 11), c.toList());
    var s = c.subset(4, 0, 4);
    assertEquals(List.of(11, 0, 11), s.toList());
    var oob = assertThrows(IndexOutOfBoundsException.class, () -> new Subset<>(a, new int[] {0, 3}));
    assertEquals("Subset: index 3 at position 1 is out of range for a data set of size 3",
        oob.getMessage());
    assertEquals(List.of(0, 1, 2, 10, 11), Dataset.concat(a, b).toList());
    assertEquals(0, new ConcatDataset<Integer>(List.of()).size());
  }

  @Test
  void exampleValidatesWeight() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> new Example(Tensor.zeros(1), Tensor.zeros(1), Float.NaN));
    assertEquals("Example: weight must be finite and >= 0, got NaN", e.getMessage());
  }

  @Test
  void classWeights() {
    int[] labels = {0, 0, 0, 1, 2, 2};
    Tensor w = ClassWeights.balanced(labels, 3);
    // n / (C * count): 6/(3*3), 6/(3*1), 6/(3*2)
    assertArrayEquals(new float[] {6f / 9, 2f, 1f}, w.toFloatArray(), 1e-6f);
    assertArrayEquals(new float[] {6f / 9, 6f / 9, 6f / 9, 2f, 1f, 1f},
        ClassWeights.perSample(labels, w).toFloatArray(), 1e-6f);
    var e = assertThrows(IllegalArgumentException.class,
        () -> ClassWeights.balanced(labels, 4));
    assertEquals("ClassWeights.balanced: class 3 has no samples (cannot weight an absent class)",
        e.getMessage());
  }
}
