package dev.lernwerk.data;

import dev.lernwerk.tensor.Tensor;

/**
 * Class weights for imbalanced data (DA-08, DA-32): pass them to a weighted loss, or turn them into
 * per-sample weights for a {@link TensorDataset}.
 *
 * <pre>{@code
 * Tensor cw = ClassWeights.balanced(labels, 10);          // (10): n / (C · count_c)
 * var weighted = train.withWeights(ClassWeights.perSample(labels, cw));
 * }</pre>
 */
public final class ClassWeights {
  private ClassWeights() {}

  /**
   * How often each class occurs: {@code counts[c] = #{i : labels[i] == c}} for {@code c} in {@code
   * [0, max(numClasses, max label + 1))}.
   */
  public static int[] counts(int[] labels, int numClasses) {
    int max = numClasses - 1;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0) {
        throw new IllegalArgumentException(
            "class counts: label " + labels[i] + " at index " + i + " is negative (expected >= 0)");
      }
      if (labels[i] > (1 << 24)) {
        throw new IllegalArgumentException(
            "class counts: label " + labels[i] + " at index " + i
                + " is too large (expected class labels 0..C-1)");
      }
      max = Math.max(max, labels[i]);
    }
    int[] c = new int[max + 1];
    for (int l : labels) {
      c[l]++;
    }
    return c;
  }

  /**
   * The "balanced" weights of scikit-learn: {@code w_c = n / (C · count_c)}, so that every class
   * contributes the same total weight. Shape (C) float32.
   *
   * @throws IllegalArgumentException if a class in {@code [0, numClasses)} has no sample, or a label
   *     is outside that range
   */
  public static Tensor balanced(int[] labels, int numClasses) {
    if (numClasses <= 0) {
      throw new IllegalArgumentException(
          "ClassWeights.balanced: numClasses must be positive, got " + numClasses);
    }
    int[] c = counts(labels, numClasses);
    if (c.length > numClasses) {
      throw new IllegalArgumentException(
          "ClassWeights.balanced: label " + (c.length - 1) + " is out of range for " + numClasses
              + " classes");
    }
    float[] w = new float[numClasses];
    for (int k = 0; k < numClasses; k++) {
      if (c[k] == 0) {
        throw new IllegalArgumentException(
            "ClassWeights.balanced: class " + k + " has no samples (cannot weight an absent class)");
      }
      w[k] = (float) ((double) labels.length / ((double) numClasses * c[k]));
    }
    return Tensor.wrap(w, numClasses);
  }

  /** Per-sample weights {@code w[i] = classWeights[labels[i]]}, shape (N) float32. */
  public static Tensor perSample(int[] labels, Tensor classWeights) {
    float[] cw = classWeights.toFloatArray();
    float[] w = new float[labels.length];
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= cw.length) {
        throw new IndexOutOfBoundsException(
            "ClassWeights.perSample: label " + labels[i] + " at index " + i
                + " has no weight (" + cw.length + " class weights)");
      }
      w[i] = cw[labels[i]];
    }
    return Tensor.wrap(w, labels.length);
  }
}
