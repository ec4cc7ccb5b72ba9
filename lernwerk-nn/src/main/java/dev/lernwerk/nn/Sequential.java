package dev.lernwerk.nn;

import dev.lernwerk.tensor.Tensor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Runs modules one after another: {@code forward(x) = m_n(…m_2(m_1(x)))}. Children are named
 * {@code "0"}, {@code "1"}, … so state dict keys are {@code "0.weight"}, {@code "2.bias"}, as in
 * PyTorch's {@code nn.Sequential}.
 *
 * <pre>{@code
 * // the course MLP: 784 inputs, two hidden layers of 64, 10 classes (55,050 parameters)
 * var gen = new Generator(42);
 * var mlp = new Sequential(
 *     new Linear(784, 64, true, gen), new ReLU(),
 *     new Linear(64, 64, true, gen), new ReLU(),
 *     new Linear(64, 10, true, gen));
 * Tensor logits = mlp.forward(x);                  // x: (N, 784) -> (N, 10)
 *
 * // variable depth from a list (the course's MLP_var)
 * List<Module> layers = new ArrayList<>();
 * int width = 784;
 * for (int h : new int[] {128, 64, 32}) {
 *   layers.add(new Linear(width, h, true, gen));
 *   layers.add(new ReLU());
 *   width = h;
 * }
 * layers.add(new Linear(width, 10, true, gen));
 * var deep = new Sequential(layers);
 * }</pre>
 */
public final class Sequential extends Module implements Iterable<Module> {
  private final List<Module> layers = new ArrayList<>();

  /** A sequence of the given modules (none is fine: then it is the identity). */
  public Sequential(Module... modules) {
    for (Module m : modules) {
      add(m);
    }
  }

  /** A sequence built from a list, e.g. for a depth chosen at run time. */
  public Sequential(List<? extends Module> modules) {
    for (Module m : modules) {
      add(m);
    }
  }

  /** Appends a module (named by its position) and returns this sequence. */
  public Sequential add(Module m) {
    layers.add(child(Integer.toString(layers.size()), m));
    return this;
  }

  /** The module at {@code index} (negative counts from the end). */
  public Module get(int index) {
    int i = index < 0 ? index + layers.size() : index;
    if (i < 0 || i >= layers.size()) {
      throw new IndexOutOfBoundsException(
          "Sequential.get: index " + index + " is out of range for " + layers.size() + " modules");
    }
    return layers.get(i);
  }

  /** Number of modules. */
  public int size() {
    return layers.size();
  }

  @Override
  public Iterator<Module> iterator() {
    return List.copyOf(layers).iterator();
  }

  /** Applies the modules in order. */
  @Override
  public Tensor forward(Tensor x) {
    Tensor y = x;
    for (Module m : layers) {
      y = m.call(y);
    }
    return y;
  }
}
