package dev.lernwerk.nn;

import dev.lernwerk.autograd.Grad;
import dev.lernwerk.io.SafeTensors;
import dev.lernwerk.tensor.DType;
import dev.lernwerk.tensor.Shape;
import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Tensor;
import dev.lernwerk.tensor.TensorScope;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Base class of every layer and model: holds named parameters, buffers and child modules, knows
 * whether it is training, and turns its state into a dotted-name state dict and back.
 *
 * <p>A subclass registers what it owns explicitly in its constructor — {@link #param} for trainable
 * tensors, {@link #buffer} for state that is saved but not trained (running statistics), {@link
 * #child} for sub-modules — and implements {@link #forward}. Names are checked (non-empty, no dots,
 * unique) and keep their registration order, so {@link #stateDict()} keys look like PyTorch's:
 * {@code "fc1.weight"}, {@code "0.bias"}, {@code "bn.running_mean"}.
 *
 * <pre>{@code
 * // the course MLP, as a Sequential ...
 * var gen = new Generator(42);
 * Module mlp = new Sequential(
 *     new Linear(784, 64, true, gen), new ReLU(),
 *     new Linear(64, 64, true, gen), new ReLU(),
 *     new Linear(64, 10, true, gen));
 * Tensor logits = mlp.forward(images.reshape(-1, 784));      // (N, 784) -> (N, 10)
 * System.out.println(mlp.summary(1, 784));                   // 55,050 parameters
 *
 * // ... or as your own module
 * final class Mlp extends Module {
 *   private final Linear fc1;
 *   private final Linear fc2;
 *   Mlp(Generator gen) {
 *     fc1 = child("fc1", new Linear(784, 64, true, gen));
 *     fc2 = child("fc2", new Linear(64, 10, true, gen));
 *   }
 *   public Tensor forward(Tensor x) {           // x: (N, 784)
 *     return fc2.call(F.relu(fc1.call(x)));     // (N, 10)
 *   }
 * }
 * }</pre>
 *
 * <p>{@link #call(Tensor)} runs {@link #forward} and then the module's {@linkplain #addForwardHook
 * forward hooks}; containers run their children through it, and so should a custom forward that
 * wants its layers to appear with output shapes in {@link #summary}.
 */
public abstract class Module {
  private final LinkedHashMap<String, Tensor> params = new LinkedHashMap<>();
  private final LinkedHashMap<String, Tensor> buffers = new LinkedHashMap<>();
  private final LinkedHashMap<String, Module> children = new LinkedHashMap<>();
  private final LinkedHashMap<String, Generator> generators = new LinkedHashMap<>();
  private final List<ForwardHook> hooks = new ArrayList<>();
  private boolean training = true;

  /** Creates a module in training mode with nothing registered. */
  protected Module() {}

  /** Computes the module's output for {@code x}. */
  public abstract Tensor forward(Tensor x);

  /** Runs {@link #forward} and then the forward hooks of this module. */
  public final Tensor call(Tensor x) {
    Tensor y = forward(x);
    if (!hooks.isEmpty()) {
      for (ForwardHook h : List.copyOf(hooks)) {
        h.after(this, x, y);
      }
    }
    return y;
  }

  /** Registers a hook run after every {@link #call(Tensor)} of this module. */
  public final ForwardHook.Handle addForwardHook(ForwardHook hook) {
    if (hook == null) {
      throw new IllegalArgumentException(kind() + ".addForwardHook: hook must not be null");
    }
    hooks.add(hook);
    return () -> hooks.remove(hook);
  }

  // ------------------------------------------------------------------ registration

  private String kind() {
    String n = getClass().getSimpleName();
    return n.isEmpty() ? "Module" : n;
  }

  private void checkName(String what, String name) {
    String op = kind() + "." + what;
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException(op + ": the name must be a non-empty string, e.g. \"weight\"");
    }
    if (name.indexOf('.') >= 0) {
      throw new IllegalArgumentException(
          op + ": name \"" + name + "\" must not contain '.' (dots join nested names in the state"
              + " dict); use \"" + name.replace('.', '_') + "\" or register a child module");
    }
    String existing = params.containsKey(name) ? "a parameter"
        : buffers.containsKey(name) ? "a buffer"
        : children.containsKey(name) ? "a child module" : null;
    if (existing != null) {
      throw new IllegalArgumentException(
          op + ": name \"" + name + "\" is already registered as " + existing
              + " of this " + kind() + "; choose a different name");
    }
  }

  /**
   * Registers a trainable parameter: switches on {@code requiresGrad} (which takes it out of any
   * {@link TensorScope}) and returns {@code t}.
   *
   * @throws IllegalArgumentException for a bad name, a non-float tensor or a non-leaf tensor
   */
  protected final Tensor param(String name, Tensor t) {
    checkName("param", name);
    if (t == null) {
      throw new IllegalArgumentException(kind() + ".param: tensor for \"" + name + "\" is null");
    }
    if (t.dtype() != DType.FLOAT32) {
      throw new IllegalArgumentException(kind() + ".param: \"" + name
          + "\" must be a float32 tensor, got " + t.dtype().label());
    }
    if (!t.isLeaf()) {
      throw new IllegalArgumentException(kind() + ".param: \"" + name + "\" is the result of "
          + t.gradFn().name() + "; parameters must be leaf tensors (pass t.detach().clone())");
    }
    t.requiresGrad(true);
    params.put(name, t);
    return t;
  }

  /**
   * Registers a buffer: state saved in the state dict but not trained (e.g. running statistics).
   * Returns {@code t}, taken out of any {@link TensorScope} so it is never recycled.
   */
  protected final Tensor buffer(String name, Tensor t) {
    checkName("buffer", name);
    if (t == null) {
      throw new IllegalArgumentException(kind() + ".buffer: tensor for \"" + name + "\" is null");
    }
    if (t.requiresGrad()) {
      throw new IllegalArgumentException(kind() + ".buffer: \"" + name
          + "\" requires grad; buffers are not trained (use param, or pass t.detach())");
    }
    TensorScope.persist(t); // module state outlives any TensorScope it was made in
    buffers.put(name, t);
    return t;
  }

  /** Registers a sub-module; its parameters appear under {@code name + "."}. Returns {@code m}. */
  protected final <M extends Module> M child(String name, M m) {
    checkName("child", name);
    if (m == null) {
      throw new IllegalArgumentException(kind() + ".child: module for \"" + name + "\" is null");
    }
    for (Module sub : m.namedModules().values()) {
      if (sub == this) {
        throw new IllegalArgumentException(kind() + ".child: registering \"" + name
            + "\" would make the module contain itself");
      }
    }
    children.put(name, m);
    return m;
  }

  /**
   * Registers the random generator this module draws from while training (dropout masks, random
   * slopes) so that checkpoints can save its state and a resumed run draws the same numbers.
   * Returns {@code gen}.
   */
  protected final Generator generator(String name, Generator gen) {
    if (name == null || name.isEmpty() || name.indexOf('.') >= 0) {
      throw new IllegalArgumentException(
          kind() + ".generator: the name must be non-empty and without dots, got \"" + name + "\"");
    }
    if (gen == null) {
      throw new IllegalArgumentException(kind() + ".generator: generator for \"" + name + "\" is null");
    }
    if (generators.containsKey(name)) {
      throw new IllegalArgumentException(
          kind() + ".generator: name \"" + name + "\" is already registered; choose a different name");
    }
    generators.put(name, gen);
    return gen;
  }

  /**
   * The random generators of this module and its descendants with dotted names ({@code
   * "2.rng"}), each once, in registration order.
   */
  public final LinkedHashMap<String, Generator> namedGenerators() {
    LinkedHashMap<String, Generator> out = new LinkedHashMap<>();
    Set<Generator> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (var m : namedModules().entrySet()) {
      String prefix = m.getKey().isEmpty() ? "" : m.getKey() + ".";
      m.getValue().generators.forEach((k, g) -> {
        if (seen.add(g)) {
          out.put(prefix + k, g);
        }
      });
    }
    return out;
  }

  // ------------------------------------------------------------------ traversal

  /** Every parameter (trainable and frozen), recursively, in registration order, each once. */
  public final List<Tensor> parameters() {
    return List.copyOf(namedParameters().values());
  }

  /** The parameters that currently require gradients. */
  public final List<Tensor> trainableParameters() {
    List<Tensor> out = new ArrayList<>();
    for (Tensor t : parameters()) {
      if (t.requiresGrad()) {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * Parameters with dotted names ({@code "fc1.weight"}): own ones first, then each child's, in
   * registration order. A tensor shared by several modules is listed once, under its first name.
   */
  public final LinkedHashMap<String, Tensor> namedParameters() {
    LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
    Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    collect("", out, seen, true, false);
    return out;
  }

  /** Buffers with dotted names, like {@link #namedParameters()}. */
  public final LinkedHashMap<String, Tensor> namedBuffers() {
    LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
    Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    collect("", out, seen, false, true);
    return out;
  }

  /**
   * Parameters and buffers with dotted names (each module: its parameters, its buffers, then its
   * children). The values share storage with the module's tensors but are detached from the graph.
   */
  public final LinkedHashMap<String, Tensor> stateDict() {
    LinkedHashMap<String, Tensor> raw = new LinkedHashMap<>();
    collect("", raw, null, true, true);
    LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
    raw.forEach((k, v) -> out.put(k, v.detach()));
    return out;
  }

  private void collect(String prefix, Map<String, Tensor> out, Set<Tensor> seen, boolean withParams,
      boolean withBuffers) {
    if (withParams) {
      params.forEach((k, v) -> {
        if (seen == null || seen.add(v)) {
          out.put(prefix + k, v);
        }
      });
    }
    if (withBuffers) {
      buffers.forEach((k, v) -> {
        if (seen == null || seen.add(v)) {
          out.put(prefix + k, v);
        }
      });
    }
    children.forEach((k, c) -> c.collect(prefix + k + ".", out, seen, withParams, withBuffers));
  }

  /** The direct children by name, in registration order (unmodifiable). */
  public final Map<String, Module> namedChildren() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(children));
  }

  /**
   * This module (under {@code ""}) and all its descendants with dotted names, depth first in
   * registration order; a module reachable twice is listed once.
   */
  public final LinkedHashMap<String, Module> namedModules() {
    LinkedHashMap<String, Module> out = new LinkedHashMap<>();
    Set<Module> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    modules("", out, seen);
    return out;
  }

  private void modules(String name, Map<String, Module> out, Set<Module> seen) {
    if (!seen.add(this)) {
      return;
    }
    out.put(name, this);
    children.forEach((k, c) -> c.modules(name.isEmpty() ? k : name + "." + k, out, seen));
  }

  /** Total number of parameter elements (each shared tensor counted once). */
  public final long parameterCount() {
    long n = 0;
    for (Tensor t : parameters()) {
      n += t.numel();
    }
    return n;
  }

  // ------------------------------------------------------------------ modes and gradients

  /** Training mode for this module and all descendants (dropout active, batch statistics). */
  public Module train() {
    return train(true);
  }

  /** Sets training ({@code true}) or evaluation mode recursively. */
  public Module train(boolean on) {
    for (Module m : namedModules().values()) {
      m.training = on;
    }
    return this;
  }

  /** Evaluation mode recursively (dropout off, running statistics). Same as {@code train(false)}. */
  public Module eval() {
    return train(false);
  }

  /** True in training mode. */
  public final boolean isTraining() {
    return training;
  }

  /** Stops gradients for every parameter ({@code requiresGrad(false)}), e.g. a pretrained body. */
  public Module freeze() {
    for (Tensor t : parameters()) {
      t.requiresGrad(false);
    }
    return this;
  }

  /** Makes every parameter trainable again. */
  public Module unfreeze() {
    for (Tensor t : parameters()) {
      t.requiresGrad(true);
    }
    return this;
  }

  /** Clears the gradient of every parameter. */
  public void zeroGrad() {
    for (Tensor t : parameters()) {
      t.zeroGrad();
    }
  }

  // ------------------------------------------------------------------ state

  /**
   * Copies values from {@code state} into this module's parameters and buffers (under no-grad).
   *
   * <p>Keys the module has but {@code state} lacks are {@code missing}; keys only in {@code state}
   * are {@code unexpected}. A shape mismatch is always refused. With {@code strict}, missing or
   * unexpected keys are refused too. A refusal is one {@link IllegalArgumentException} listing every
   * problem, thrown before anything is copied.
   */
  public final LoadResult loadStateDict(Map<String, Tensor> state, boolean strict) {
    LinkedHashMap<String, Tensor> own = new LinkedHashMap<>();
    collect("", own, null, true, true);
    List<String> missing = new ArrayList<>();
    List<String> mismatched = new ArrayList<>();
    for (var e : own.entrySet()) {
      Tensor src = state.get(e.getKey());
      if (src == null) {
        missing.add(e.getKey());
      } else if (!Arrays.equals(src.shape(), e.getValue().shape())) {
        mismatched.add(e.getKey() + " (model " + Shape.str(e.getValue().shape()) + ", state "
            + Shape.str(src.shape()) + ")");
      }
    }
    List<String> unexpected = new ArrayList<>();
    for (String k : state.keySet()) {
      if (!own.containsKey(k)) {
        unexpected.add(k);
      }
    }
    boolean refuse = !mismatched.isEmpty() || strict && (!missing.isEmpty() || !unexpected.isEmpty());
    if (refuse) {
      StringBuilder sb = new StringBuilder(kind() + ".loadStateDict: cannot load the state");
      if (!missing.isEmpty()) {
        sb.append("; missing keys: ").append(missing);
      }
      if (!unexpected.isEmpty()) {
        sb.append("; unexpected keys: ").append(unexpected);
      }
      if (!mismatched.isEmpty()) {
        sb.append("; shape mismatches: ").append(String.join(", ", mismatched));
      }
      if (!strict) {
        sb.append(" (shapes must match even with strict=false)");
      }
      throw new IllegalArgumentException(sb.toString());
    }
    try (var g = Grad.disabled()) {
      for (var e : own.entrySet()) {
        Tensor src = state.get(e.getKey());
        if (src != null) {
          e.getValue().copy_(src);
        }
      }
    }
    return new LoadResult(missing, unexpected);
  }

  /** Writes {@link #stateDict()} to a safetensors file (atomically), readable by PyTorch. */
  public void save(Path path) throws IOException {
    SafeTensors.save(path, stateDict(), Map.of("format", "pt"));
  }

  /** Loads a safetensors file written by {@link #save} (or PyTorch) via {@link #loadStateDict}. */
  public LoadResult load(Path path, boolean strict) throws IOException {
    return loadStateDict(SafeTensors.load(path), strict);
  }

  // ------------------------------------------------------------------ description

  /**
   * A table of the layers with the output shape of each (found by running {@link #call} on zeros of
   * {@code inputShape}, batch dim included, in eval mode under no-grad; the mode is restored), the
   * number of parameters each layer owns and whether they are trainable, and the totals.
   *
   * <pre>{@code
   * System.out.println(mlp.summary(1, 784));
   * }</pre>
   */
  public String summary(int... inputShape) {
    return summary(Tensor.zeros(inputShape));
  }

  /** {@link #summary(int...)} for an example input (e.g. int32 indices for an embedding model). */
  public String summary(Tensor example) {
    LinkedHashMap<String, Module> mods = namedModules();
    Map<Module, int[]> shapes = new IdentityHashMap<>();
    Map<Module, Boolean> modes = new IdentityHashMap<>();
    List<ForwardHook.Handle> handles = new ArrayList<>();
    for (Module m : mods.values()) {
      modes.put(m, m.training);
      m.training = false;
      handles.add(m.addForwardHook((mod, in, out) -> shapes.putIfAbsent(mod, out.shape())));
    }
    Tensor out;
    try (var g = Grad.disabled()) {
      out = call(example);
    } finally {
      handles.forEach(ForwardHook.Handle::remove);
      modes.forEach((m, on) -> m.training = on);
    }
    List<String[]> rows = new ArrayList<>();
    Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (var e : mods.entrySet()) {
      Module m = e.getValue();
      if (e.getKey().isEmpty() && mods.size() > 1) {
        continue; // the root's own parameters are reported in a row only if it is a leaf
      }
      long count = 0;
      int trainable = 0;
      int frozen = 0;
      for (Tensor t : m.params.values()) {
        if (seen.add(t)) {
          count += t.numel();
        }
        if (t.requiresGrad()) {
          trainable++;
        } else {
          frozen++;
        }
      }
      int depth = e.getKey().isEmpty() ? 0 : e.getKey().split("\\.").length - 1;
      String name = "  ".repeat(depth) + (e.getKey().isEmpty() ? "" : e.getKey() + " ")
          + "(" + m.kind() + ")";
      int[] s = shapes.get(m);
      rows.add(new String[] {
        name, s == null ? "-" : Shape.str(s), String.format(Locale.US, "%,d", count),
        trainable + frozen == 0 ? "" : frozen == 0 ? "yes" : trainable == 0 ? "no" : "partly"
      });
    }
    // parameters registered on the root of a container model
    for (Tensor t : params.values()) {
      if (mods.size() > 1 && seen.add(t)) {
        rows.add(0, new String[] {"(" + kind() + " own)", "-",
            String.format(Locale.US, "%,d", t.numel()), t.requiresGrad() ? "yes" : "no"});
      }
    }
    String[] head = {"Layer (type)", "Output shape", "Params", "Trainable"};
    int[] w = new int[4];
    for (int i = 0; i < 4; i++) {
      w[i] = head[i].length();
      for (String[] r : rows) {
        w[i] = Math.max(w[i], r[i].length());
      }
    }
    String fmt = "%-" + w[0] + "s  %-" + w[1] + "s  %" + w[2] + "s  %s%n";
    int width = w[0] + w[1] + w[2] + w[3] + 6;
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.US, fmt, (Object[]) head));
    sb.append("=".repeat(width)).append('\n');
    for (String[] r : rows) {
      sb.append(String.format(Locale.US, fmt, (Object[]) r).stripTrailing()).append('\n');
    }
    sb.append("=".repeat(width)).append('\n');
    long total = parameterCount();
    long train = 0;
    for (Tensor t : trainableParameters()) {
      train += t.numel();
    }
    sb.append(String.format(Locale.US, "Total params: %,d%n", total));
    sb.append(String.format(Locale.US, "Trainable params: %,d%n", train));
    sb.append(String.format(Locale.US, "Non-trainable params: %,d%n", total - train));
    sb.append("Input shape: ").append(Shape.str(example.shape())).append(", output shape: ")
        .append(Shape.str(out.shape())).append('\n');
    return sb.toString();
  }

  /**
   * The settings shown inside the parentheses of {@link #toString()}, e.g. {@code "in=784,
   * out=64, bias=true"}. Empty by default.
   */
  protected String extraRepr() {
    return "";
  }

  /** PyTorch-style description: the module's settings and, indented, its children. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(kind()).append('(').append(extraRepr());
    if (!children.isEmpty()) {
      sb.append('\n');
      children.forEach((k, c) -> sb.append("  (").append(k).append("): ")
          .append(c.toString().replace("\n", "\n  ")).append('\n'));
    }
    return sb.append(')').toString();
  }
}
