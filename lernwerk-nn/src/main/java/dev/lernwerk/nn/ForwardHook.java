package dev.lernwerk.nn;

import dev.lernwerk.tensor.Tensor;

/**
 * Called after a module's forward when it is run through {@link Module#call(Tensor)} (as {@link
 * Sequential} and {@link Residual} run their children). Used by {@link Module#summary} and by
 * diagnostics that look at activations per layer.
 *
 * <pre>{@code
 * var handle = model.get(1).addForwardHook((m, in, out) -> System.out.println(m + " -> " + out));
 * model.forward(x);
 * handle.remove();
 * }</pre>
 */
@FunctionalInterface
public interface ForwardHook {
  /** Receives the module, its input and its output. Must not change either tensor. */
  void after(Module module, Tensor input, Tensor output);

  /** Removes a registered hook. */
  interface Handle extends AutoCloseable {
    /** Unregisters the hook (idempotent). */
    void remove();

    /** Same as {@link #remove()}, for try-with-resources. */
    @Override
    default void close() {
      remove();
    }
  }
}
