package dev.lernwerk.data;

import dev.lernwerk.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The default way samples become a {@link Batch}, usable inside custom collate functions.
 *
 * <pre>{@code
 * Batch b = Collate.examples(List.of(ds.get(0), ds.get(1)));   // inputs (2, ...), targets (2)
 * }</pre>
 */
public final class Collate {
  private Collate() {}

  /**
   * Stacks {@link Example}s: inputs along a new dim 0 into (B, ...), targets likewise (0-d int32
   * labels become (B) int32), weights into (B) float32 — or null when every weight is 1.
   *
   * @throws IllegalArgumentException if a sample is not an Example or shapes/dtypes differ
   */
  public static Batch examples(List<?> samples) {
    int b = samples.size();
    List<Tensor> inputs = new ArrayList<>(b);
    List<Tensor> targets = new ArrayList<>(b);
    float[] w = new float[b];
    boolean allOne = true;
    for (int i = 0; i < b; i++) {
      if (!(samples.get(i) instanceof Example ex)) {
        Object o = samples.get(i);
        throw new IllegalArgumentException(
            "collate: the default collate stacks Example samples, got "
                + (o == null ? "null" : o.getClass().getName()) + " at position " + i
                + "; pass a custom collate to the DataLoader builder");
      }
      inputs.add(ex.input());
      targets.add(ex.target());
      w[i] = ex.weight();
      allOne &= w[i] == 1f;
    }
    return new Batch(
        Rows.stack(inputs, "input"), Rows.stack(targets, "target"),
        allOne ? null : Tensor.wrap(w, b), b);
  }

  /**
   * Stacks equally shaped tensors of one dtype along a new dim 0: (k...) × B → (B, k...), one array
   * copy per tensor.
   */
  public static Tensor stack(List<Tensor> tensors) {
    return Rows.stack(tensors, "tensor");
  }
}
