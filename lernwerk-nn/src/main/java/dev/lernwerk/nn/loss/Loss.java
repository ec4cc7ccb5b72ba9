package dev.lernwerk.nn.loss;

import dev.lernwerk.tensor.Tensor;

/**
 * A loss function of a prediction and a target, returning a scalar (or per-element values with
 * {@link Reduction#NONE}).
 *
 * <pre>{@code
 * Loss lossFn = new CrossEntropyLoss();
 * Tensor loss = lossFn.apply(model.forward(x), labels);   // (N, C) logits, (N) int32 labels
 * loss.backward();
 * }</pre>
 *
 * Any lambda works too: {@code Loss mae = (y, t) -> y.sub(t).abs().mean();}
 */
@FunctionalInterface
public interface Loss {
  /** The loss of {@code input} against {@code target}. */
  Tensor apply(Tensor input, Tensor target);
}
