package dev.lernwerk.train.tune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lernwerk.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnsembleTest {

  @Test
  void averageOfProbabilities() {
    Tensor a = Tensor.of(new float[][] {{0.9f, 0.1f}, {0.4f, 0.6f}});
    Tensor b = Tensor.of(new float[][] {{0.5f, 0.5f}, {0.2f, 0.8f}});
    Tensor c = Tensor.of(new float[][] {{0.1f, 0.9f}, {0.3f, 0.7f}});
    Tensor avg = Ensemble.average(List.of(a, b, c));
    assertArrayEquals(new int[] {2, 2}, avg.shape());
    assertArrayEquals(new float[] {0.5f, 0.5f, 0.3f, 0.7f}, avg.toFloatArray(), 1e-7f);
    Tensor w = Ensemble.weightedAverage(List.of(a, b), new double[] {3, 1});
    assertArrayEquals(new float[] {0.8f, 0.2f, 0.35f, 0.65f}, w.toFloatArray(), 1e-7f);
    var e = assertThrows(IllegalArgumentException.class,
        () -> Ensemble.average(List.of(a, Tensor.zeros(3, 2))));
    assertEquals("Ensemble.average: member 1 has shape [3, 2], member 0 has [2, 2]", e.getMessage());
  }

  @Test
  void majorityVote() {
    Tensor m1 = Tensor.ofInts(new int[] {0, 1, 2, 2});
    Tensor m2 = Tensor.ofInts(new int[] {0, 2, 1, 2});
    Tensor m3 = Tensor.of(new float[][] {{0, 1, 0}, {0, 5, 0}, {9, 0, 0}, {0, 0, 1}}); // scores
    Tensor v = Ensemble.vote(List.of(m1, m2, m3), 3);
    // sample 2: votes 2, 1, 0 -> a three-way tie, lowest class wins
    assertArrayEquals(new int[] {0, 1, 0, 2}, v.toIntArray());
    var e = assertThrows(IllegalArgumentException.class,
        () -> Ensemble.vote(List.of(Tensor.ofInts(new int[] {3})), 3));
    assertEquals("Ensemble.vote: member 0 predicts class 3 at index 0, outside [0, 3)", e.getMessage());
  }
}
