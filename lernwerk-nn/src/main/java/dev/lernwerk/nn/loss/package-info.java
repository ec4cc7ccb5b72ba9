/**
 * Loss functions as objects ({@link dev.lernwerk.nn.loss.Loss}, configured once, applied per batch)
 * with PyTorch's semantics and defaults, and weight {@link dev.lernwerk.nn.loss.Penalties}.
 *
 * <pre>{@code
 * Loss loss = new CrossEntropyLoss().withLabelSmoothing(0.1);
 * Tensor l = loss.apply(logits, labels).add(Penalties.l2(model).mul(1e-4f));
 * }</pre>
 */
package dev.lernwerk.nn.loss;
