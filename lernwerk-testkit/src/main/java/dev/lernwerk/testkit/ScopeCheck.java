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
 * a scope recycles is filled with NaN ({@link TensorScope#setDebugFill}):
 *
 * <ul>
 *   <li>an op that takes a pooled result array and leaves part of it unwritten shows up as a NaN
 *       mismatch inside the scope;
 *   <li>a result that is not owned by the scope (a gradient, a persisted tensor) must keep its values
 *       after the scope closes and later scopes reuse the released arrays: a tensor that shares an
 *       array with a released one shows up as a mismatch after the scope.
 * </ul>
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
   * reuse the arrays the earlier ones released, NaN-filled), and asserts that every tensor it returns
   * has the first run's values bit for bit inside the scope, and, when the scope does not own it,
   * also after the next round.
   *
   * @return the bytes the first scope released into the pool: above zero when {@code run} took
   *     the pooled path at all
   */
  public static long sameInsideScopes(String name, Supplier<List<Tensor>> run) {
    TensorScope.clearPool();
    TensorScope.setDebugFill(true);
    try {
      List<float[]> expected = new ArrayList<>();
      for (Tensor t : run.get()) {
        expected.add(t.toFloatArray());
      }
      long released = 0;
      Tensor[] unowned = new Tensor[expected.size()]; // the previous round's, null where owned
      for (int round = 0; round < 3; round++) {
        Tensor[] now = new Tensor[expected.size()];
        try (TensorScope scope = TensorScope.open()) {
          List<Tensor> got = run.get();
          assertEquals(expected.size(), got.size(), name + ": number of outputs");
          for (int i = 0; i < got.size(); i++) {
            assertArrayEquals(expected.get(i), got.get(i).toFloatArray(),
                name + " (round " + round + ", output " + i + ")");
            now[i] = TensorScope.isScoped(got.get(i)) ? null : got.get(i);
          }
        }
        if (round == 0) {
          released = TensorScope.pooledBytes();
        }
        // the previous round's unowned results, after this round reused the released arrays
        for (int i = 0; i < unowned.length; i++) {
          if (unowned[i] != null) {
            assertArrayEquals(expected.get(i), unowned[i].toFloatArray(),
                name + " (output " + i + " of round " + (round - 1) + ", read after its scope)");
          }
        }
        unowned = now;
      }
      return released;
    } finally {
      TensorScope.setDebugFill(false);
      TensorScope.clearPool();
    }
  }

  /**
   * The result of {@code op} on fresh inputs and, when it requires grad, the gradients of every
   * input after a backward pass with a seeded random upstream gradient.
   */
  public static List<Tensor> valuesAndGrads(
      Function<Tensor[], Tensor> op, Supplier<Tensor[]> inputs) {
    Tensor[] in = inputs.get();
    Tensor y = op.apply(in);
    List<Tensor> out = new ArrayList<>();
    out.add(y);
    if (y.requiresGrad()) {
      y.backward(Tensor.randn(new Generator(9), y.shape()));
      for (Tensor t : in) {
        if (t != null && t.grad() != null) {
          out.add(t.grad());
        }
      }
    }
    return out;
  }
}
