package dev.lernwerk.train.diagnose;

import dev.lernwerk.tensor.Shape;
import dev.lernwerk.tensor.Tensor;
import dev.lernwerk.train.metric.ConfusedPair;
import dev.lernwerk.train.metric.ConfusionMatrix;
import dev.lernwerk.train.metric.Metrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a classifier gets wrong, from its logits on a whole evaluation set (fastai's
 * {@code ClassificationInterpretation}): the confusion matrix, the most confused class pairs and
 * the samples with the highest loss, which are often mislabelled or unusual inputs.
 *
 * <pre>{@code
 * var interp = Interpretation.of(logits, labels);          // logits (N, C), labels (N)
 * interp.mostConfused(5).forEach(p -> System.out.println(p.toText(names)));
 * interp.topLosses(9).forEach(t -> System.out.println(t.toText(names)));
 * }</pre>
 */
public final class Interpretation {
  private final float[] probs; // (N, C) softmax of the logits
  private final int[] labels;
  private final int[] preds;
  private final float[] losses;
  private final int numClasses;
  private final ConfusionMatrix matrix;

  private Interpretation(
      float[] probs, int[] labels, int[] preds, float[] losses, ConfusionMatrix matrix) {
    this.probs = probs;
    this.labels = labels;
    this.preds = preds;
    this.losses = losses;
    this.numClasses = matrix.numClasses();
    this.matrix = matrix;
  }

  /** From logits {@code (N, C)} and labels {@code (N)}; the losses are per-sample cross-entropy. */
  public static Interpretation of(Tensor logits, Tensor labels) {
    return of(logits, labels, Metrics.crossEntropyPerSample(logits, labels));
  }

  /** From logits {@code (N, C)}, labels {@code (N)} and per-sample losses {@code (N)}. */
  public static Interpretation of(Tensor logits, Tensor labels, Tensor perSampleLosses) {
    if (logits.dim() != 2 || labels.dim() != 1 || labels.size(0) != logits.size(0)
        || perSampleLosses.numel() != logits.size(0)) {
      throw new IllegalArgumentException(
          "Interpretation.of: expected logits (N, C), labels (N) and losses (N), got "
              + Shape.str(logits.shape()) + ", " + Shape.str(labels.shape()) + " and "
              + Shape.str(perSampleLosses.shape()));
    }
    ConfusionMatrix cm = Metrics.confusionMatrix(logits, labels, logits.size(1)); // checks labels
    Tensor p = logits.detach().softmax(1);
    return new Interpretation(p.toFloatArray(), labels.toIntArray(),
        Metrics.predictedClasses(logits).toIntArray(), perSampleLosses.toFloatArray(), cm);
  }

  /** The confusion matrix over the whole set. */
  public ConfusionMatrix confusionMatrix() {
    return matrix;
  }

  /** The {@code top} most frequent (actual, predicted) mix-ups, largest first. */
  public List<ConfusedPair> mostConfused(int top) {
    return matrix.mostConfused(top);
  }

  /** The {@code k} samples with the highest loss, highest first. */
  public List<TopLoss> topLosses(int k) {
    var out = new ArrayList<TopLoss>();
    for (int i : topLossIndices(losses, k)) {
      out.add(new TopLoss(i, losses[i], labels[i], preds[i], probs[i * numClasses + labels[i]]));
    }
    return List.copyOf(out);
  }

  /**
   * Indices of the {@code k} largest values of per-sample losses {@code (N)}, largest first (ties:
   * lower index first; NaN counts as largest).
   */
  public static int[] topLossIndices(Tensor perSampleLosses, int k) {
    return topLossIndices(perSampleLosses.toFloatArray(), k);
  }

  private static int[] topLossIndices(float[] v, int k) {
    if (k < 0) {
      throw new IllegalArgumentException("topLosses: expected k >= 0, got " + k);
    }
    Integer[] idx = new Integer[v.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> Float.compare(v[b], v[a]));
    int m = Math.min(k, v.length);
    int[] r = new int[m];
    for (int i = 0; i < m; i++) {
      r[i] = idx[i];
    }
    return r;
  }
}
