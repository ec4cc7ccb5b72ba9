package dev.lernwerk.autograd;

import dev.lernwerk.tensor.Shape;
import dev.lernwerk.tensor.Tensor;

/**
 * A recorded operation in the computation graph: the {@code gradFn} of the tensor it produced.
 *
 * <p>An op computes its output, then (when {@link #shouldRecord} says so) creates its node, saves what
 * backward needs with {@link #save} and connects inputs and output with {@link #record}. During
 * {@link Tensor#backward()} the engine calls {@link #backward(Tensor)} once with the gradient of the
 * output and expects one gradient per input, shaped like that input ({@code null} for inputs that
 * need none). Users write their own differentiable ops the same way:
 *
 * <pre>{@code
 * final class Cube extends Node {
 *   static Tensor apply(Tensor x) {
 *     Tensor y = x.mul(x).mul(x);                        // computed without recording
 *     if (shouldRecord(x)) { var n = new Cube(); n.save(x); n.record(y, x); }
 *     return y;
 *   }
 *   protected Tensor[] backward(Tensor g) {               // d(x^3)/dx = 3x^2
 *     Tensor x = saved(0);
 *     return new Tensor[] {g.mul(x.mul(x).mul(3f))};
 *   }
 * }
 * }</pre>
 *
 * The forward part must run with recording disabled (wrap it in {@link Grad#disabled()}), and
 * gradcheck it with {@link GradCheck}.
 */
public abstract class Node {
  private Tensor[] inputs;
  private Tensor[] saved;
  private int[] savedVersions;
  private boolean released;

  /** Creates an unconnected node; {@link #record} connects it. */
  protected Node() {}

  /** {@link #shouldRecord(Tensor...)} for one input, without allocating. */
  public static boolean shouldRecord(Tensor input) {
    return input != null && input.requiresGrad() && Grad.isEnabled();
  }

  /** {@link #shouldRecord(Tensor...)} for two inputs, without allocating. */
  public static boolean shouldRecord(Tensor a, Tensor b) {
    return ((a != null && a.requiresGrad()) || (b != null && b.requiresGrad())) && Grad.isEnabled();
  }

  /** True when grad mode is on and at least one input requires a gradient. */
  public static boolean shouldRecord(Tensor... inputs) {
    if (!Grad.isEnabled()) {
      return false;
    }
    for (Tensor t : inputs) {
      if (t != null && t.requiresGrad()) {
        return true;
      }
    }
    return false;
  }

  /** The op's name as used in error messages (the class name by default). */
  public String name() {
    String n = getClass().getSimpleName();
    return n.isEmpty() ? "op" : n;
  }

  /** Computes the input gradients from the output gradient; see the class comment. */
  protected abstract Tensor[] backward(Tensor gradOutput);

  /** Saves tensors for backward together with their storage versions. */
  public final void save(Tensor... tensors) {
    saved = tensors.clone();
    savedVersions = new int[tensors.length];
    for (int i = 0; i < tensors.length; i++) {
      savedVersions[i] = tensors[i] == null ? 0 : tensors[i].storage().version();
    }
  }

  /**
   * The i-th saved tensor.
   *
   * @throws IllegalStateException if it was modified in place since it was saved, or the graph was
   *     already freed by an earlier backward
   */
  protected final Tensor saved(int i) {
    if (released || saved == null) {
      throw new IllegalStateException(name() + ": " + FREED);
    }
    Tensor t = saved[i];
    if (t != null && t.storage().version() != savedVersions[i]) {
      throw new IllegalStateException(
          name()
              + ": a tensor of shape "
              + Shape.str(t.shape())
              + " saved for backward was modified by an in-place operation (its version is "
              + t.storage().version()
              + ", it was saved at version "
              + savedVersions[i]
              + "); use an out-of-place op (e.g. add instead of add_) or clone() before changing it");
    }
    return t;
  }

  static final String FREED =
      "trying to run backward through the graph a second time, but its saved tensors were freed"
          + " after the first backward; call backward(gradient, true) the first time to keep them";

  /** Connects this node: the inputs become its edges, {@code output} gets it as gradFn. */
  public final Tensor record(Tensor output, Tensor... inputs) {
    this.inputs = inputs.clone();
    output.attachGradFn(this);
    return output;
  }

  /** Whether input {@code i} needs a gradient (backward may skip computing it otherwise). */
  protected final boolean needsGrad(int i) {
    return inputs != null && inputs[i] != null && inputs[i].requiresGrad();
  }

  /** The inputs recorded by {@link #record} (engine use). */
  Tensor[] inputs() {
    return inputs;
  }

  boolean isReleased() {
    return released;
  }

  /** Frees saved tensors and edges after backward. */
  void release() {
    released = true;
    saved = null;
    inputs = null;
  }

  Tensor[] runBackward(Tensor g) {
    if (released) {
      throw new IllegalStateException(name() + ": " + FREED);
    }
    return backward(g);
  }

  @Override
  public String toString() {
    return name() + "Backward";
  }
}
