package dev.lernwerk.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Tensor;
import dev.lernwerk.tensor.TensorScope;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Checks that code gives the same bits inside a {@link TensorScope} as outside one, while every array
 * a scope recycles is filled with NaN ({@link TensorScope#setDebugFill}): an op that takes a pooled
 * result array and leaves part of it unwritten shows up as a NaN mismatch.
 *
 * <pre>{@code
 * ScopeCheck.sameInsideScopes("linear", () -> ScopeCheck.valuesAndGrads(
 *     in -> F.linear(in[0], in[1], in[2]), () -> new Tensor[] {x(), w(), b()}));
 * }</pre>
 */
public final class ScopeCheck {
  private ScopeCheck() {}

  /**
   * Runs {@code run} once outside any scope, then three times inside fresh scopes (the later rounds
   * reuse the arrays the earlier ones released, NaN-filled), and asserts every array it returns is
   * bit-identical to the first run's. {@code run} must read its results before returning.
   */
  public static void sameInsideScopes(String name, Supplier<List<float[]>> run) {
    TensorScope.clearPool();
    TensorScope.setDebugFill(true);
    try {
      List<float[]> expected = run.get();
      for (int round = 0; round < 3; round++) {
        try (TensorScope scope = TensorScope.open()) {
          List<float[]> got = run.get();
          assertEquals(expected.size(), got.size(), name + ": number of outputs");
          for (int i = 0; i < got.size(); i++) {
            assertArrayEquals(expected.get(i), got.get(i),
                name + " (round " + round + ", output " + i + ")");
          }
        }
      }
    } finally {
      TensorScope.setDebugFill(false);
      TensorScope.clearPool();
    }
  }

  /**
   * The values of {@code op} on fresh inputs and, when the result requires grad, the gradients of
   * every input after a backward pass with a seeded random upstream gradient.
   */
  public static List<float[]> valuesAndGrads(
      Function<Tensor[], Tensor> op, Supplier<Tensor[]> inputs) {
    Tensor[] in = inputs.get();
    Tensor y = op.apply(in);
    List<float[]> out = new ArrayList<>();
    out.add(y.toFloatArray());
    if (y.requiresGrad()) {
      y.backward(Tensor.randn(new Generator(9), y.shape()));
      for (Tensor t : in) {
        if (t != null && t.grad() != null) {
          out.add(t.grad().toFloatArray());
        }
      }
    }
    return out;
  }
}
