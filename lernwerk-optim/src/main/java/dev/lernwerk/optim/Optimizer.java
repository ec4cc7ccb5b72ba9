package dev.lernwerk.optim;

import dev.lernwerk.autograd.Grad;
import dev.lernwerk.tensor.DType;
import dev.lernwerk.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The base of every optimizer: it owns the parameter groups, the loop and the state; a subclass writes
 * one update rule for one parameter ({@link #update}).
 *
 * <p>{@link #step()} runs under {@link Grad#disabled()}, walks the groups and their parameters in
 * order, skips parameters whose gradient is null, creates the per-parameter {@link ParamState} the
 * first time a parameter has a gradient, counts its step and calls {@link #update}. A training step:
 *
 * <pre>{@code
 * var opt = new Adam(model.parameters(), 3e-3);
 * for (var batch : loader) {
 *   opt.zeroGrad();
 *   Tensor loss = lossFn.apply(model.forward(batch.x()), batch.y());
 *   loss.backward();
 *   opt.step();
 * }
 * }</pre>
 *
 * <p><b>Learning rates.</b> The optimizer has a base learning rate (its settings' {@code lr}). A group
 * given its own {@code lr} keeps the ratio {@code factor = groupLr / baseLr} (1 when the base is 0);
 * {@link #setLearningRate(double)} sets the base and every group's lr to {@code base × factor}, so a
 * schedule drives discriminative rates together: {@code opt.setLearningRate(schedule.at(step))}.
 *
 * <p><b>State.</b> {@link #stateDict()} holds every hyperparameter and buffer, so a fresh optimizer
 * over the same parameters that loads it continues bit-identically. Keys: {@code step_count}, {@code
 * base_lr}, {@code groups.<g>.num_params}, {@code groups.<g>.lr_factor}, {@code groups.<g>.<option>},
 * {@code state.<g>.<i>.step} and {@code state.<g>.<i>.<buffer>} (float32, shaped like parameter i of
 * group g). Scalars are encoded exactly as described in {@link StateDicts}.
 */
public abstract class Optimizer {
  /** Option key of the learning rate. */
  public static final String LR = "lr";

  /** Option key of the weight decay. */
  public static final String WEIGHT_DECAY = "weight_decay";

  private static final String STEP_COUNT = "step_count";
  private static final String BASE_LR = "base_lr";
  private static final String NUM_PARAMS = "num_params";
  private static final String LR_FACTOR = "lr_factor";

  private final String name;
  private final Map<String, Double> defaults;
  private final Consumer<Map<String, Double>> validator;
  private final String momentumKey;
  private final List<ParamGroup> groups = new ArrayList<>();
  private final List<ParamState[]> states = new ArrayList<>();
  private final List<Double> lrFactors = new ArrayList<>();
  private final IdentityHashMap<Tensor, String> seen = new IdentityHashMap<>();
  private double baseLr;
  private long stepCount;

  /**
   * Takes the groups, merges the defaults into each and validates them.
   *
   * @param name the optimizer's name for messages ({@code "Adam"})
   * @param groups the parameter groups (their options override {@code defaults})
   * @param defaults every option with its value from the settings; must contain {@link #LR}
   * @param validator throws {@link IllegalArgumentException} for invalid merged options
   * @param momentumKey the option {@link #setMomentum} sets ({@code "momentum"}, {@code "beta1"}), or
   *     null when the optimizer has none
   */
  protected Optimizer(
      String name,
      List<ParamGroup> groups,
      Map<String, Double> defaults,
      Consumer<Map<String, Double>> validator,
      String momentumKey) {
    this.name = Objects.requireNonNull(name, "name");
    this.defaults = Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
    this.validator = Objects.requireNonNull(validator, "validator");
    this.momentumKey = momentumKey;
    if (!defaults.containsKey(LR)) {
      throw new IllegalArgumentException(name + ": the defaults must contain '" + LR + "'");
    }
    validator.accept(this.defaults);
    this.baseLr = defaults.get(LR);
    Objects.requireNonNull(groups, name + ": groups");
    for (ParamGroup g : groups) {
      addGroup(g);
    }
    if (seen.isEmpty()) {
      throw new IllegalArgumentException(name + ": got an empty parameter list");
    }
  }

  /** One group named "default" holding {@code params}. */
  protected static List<ParamGroup> single(Collection<Tensor> params) {
    return List.of(ParamGroup.of("default", Objects.requireNonNull(params, "params")));
  }

  /**
   * Adds a group (e.g. layers unfrozen during fine-tuning); its options are merged with the defaults
   * and validated; its parameters must not be in another group.
   */
  public final void addGroup(ParamGroup group) {
    Objects.requireNonNull(group, name + ": group");
    for (String key : group.options().keySet()) {
      if (!defaults.containsKey(key)) {
        throw new IllegalArgumentException(
            name + ": unknown option '" + key + "' in group '" + group.name() + "' (known: "
                + String.join(", ", defaults.keySet()) + ")");
      }
    }
    ParamGroup merged = group.withDefaults(defaults);
    validateGroup(merged);
    List<Tensor> ps = merged.params();
    for (int i = 0; i < ps.size(); i++) {
      Tensor p = Objects.requireNonNull(ps.get(i), name + ": null parameter");
      String where = "group '" + group.name() + "' index " + i;
      if (p.dtype() != DType.FLOAT32) {
        throw new IllegalArgumentException(
            name + ": parameter at " + where + " is " + p.dtype().label()
                + " (expected a float32 tensor)");
      }
      if (!p.isLeaf()) {
        throw new IllegalArgumentException(
            name + ": parameter at " + where + " is the result of " + p.gradFn().name()
                + "; only leaf tensors can be optimized");
      }
      String before = seen.putIfAbsent(p, where);
      if (before != null) {
        throw new IllegalArgumentException(
            name + ": a parameter appears more than once (" + before + " and " + where + ")");
      }
    }
    Double own = group.options().get(LR);
    lrFactors.add(own == null || baseLr == 0 ? 1.0 : own / baseLr);
    groups.add(merged);
    states.add(new ParamState[ps.size()]);
  }

  private void validateGroup(ParamGroup merged) {
    try {
      validator.accept(merged.options());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          e.getMessage() + " (in group '" + merged.name() + "')", e);
    }
  }

  // ---------------------------------------------------------------- the loop

  /**
   * One parameter as the update rule sees it: contiguous float arrays with offsets. Writes to {@code
   * data} are the update (the base copies them back when the parameter is not contiguous and bumps
   * the storage version).
   *
   * @param tensor the parameter
   * @param data its values: element k at {@code data[offset + k]}
   * @param offset start of the parameter in {@code data}
   * @param grad its gradient: element k at {@code grad[gradOffset + k]} (read only)
   * @param gradOffset start of the gradient in {@code grad}
   * @param numel number of elements
   */
  public record Param(
      Tensor tensor, float[] data, int offset, float[] grad, int gradOffset, int numel) {}

  /**
   * Updates one parameter in place from its gradient; {@code state.step()} is already the number of
   * this update (1 the first time). Runs with gradient recording off.
   */
  protected abstract void update(Param p, ParamState state, ParamGroup group);

  /** Applies one update to every parameter that has a gradient. */
  public void step() {
    try (var noGrad = Grad.disabled()) {
      for (int gi = 0; gi < groups.size(); gi++) {
        ParamGroup group = groups.get(gi);
        ParamState[] st = states.get(gi);
        List<Tensor> ps = group.params();
        for (int i = 0; i < ps.size(); i++) {
          Tensor p = ps.get(i);
          Tensor g = p.grad();
          if (g == null) {
            continue;
          }
          if (st[i] == null) {
            st[i] = new ParamState(p.numel());
          }
          st[i].setStep(st[i].step() + 1);
          apply(p, g, st[i], group);
        }
      }
    }
    stepCount++;
  }

  /** For optimizers that replace {@link #step()}: counts one step in {@link #stepCount()}. */
  protected final void countStep() {
    stepCount++;
  }

  private void apply(Tensor p, Tensor g, ParamState state, ParamGroup group) {
    if (g.dtype() != DType.FLOAT32) {
      g = g.toFloat();
    }
    if (!g.isContiguous()) {
      g = g.contiguous();
    }
    if (p.isContiguous()) {
      update(new Param(p, p.storage().floats(), p.offset(), g.storage().floats(), g.offset(),
          p.numel()), state, group);
      p.storage().bumpVersion();
    } else {
      Tensor work = p.detach().contiguous();
      update(new Param(p, work.storage().floats(), work.offset(), g.storage().floats(),
          g.offset(), p.numel()), state, group);
      p.copy_(work);
    }
  }

  /** Clears the gradient of every parameter (sets it to null). */
  public void zeroGrad() {
    for (ParamGroup g : groups) {
      for (Tensor p : g.params()) {
        p.zeroGrad();
      }
    }
  }

  // ---------------------------------------------------------------- hyperparameters

  /** The optimizer's name, e.g. {@code "Adam"}. */
  public String name() {
    return name;
  }

  /** The groups with their merged options (read-only; a snapshot of the current values). */
  public List<ParamGroup> groups() {
    return List.copyOf(groups);
  }

  /** Every parameter, group by group (e.g. for {@link Clip#gradNorm}). */
  public List<Tensor> params() {
    List<Tensor> all = new ArrayList<>();
    for (ParamGroup g : groups) {
      all.addAll(g.params());
    }
    return all;
  }

  /** The settings every group starts from, as options. */
  public Map<String, Double> defaults() {
    return defaults;
  }

  /** Number of {@link #step()} calls so far. */
  public long stepCount() {
    return stepCount;
  }

  /** The base learning rate (see the class comment). */
  public double learningRate() {
    return baseLr;
  }

  /** Sets the base learning rate; each group's lr becomes {@code lr × its factor}. */
  public void setLearningRate(double lr) {
    Check.lr(name, lr);
    baseLr = lr;
    for (int g = 0; g < groups.size(); g++) {
      double factor = lrFactors.get(g);
      groups.set(g, groups.get(g).withOption(LR, factor == 1.0 ? lr : lr * factor));
    }
  }

  /** The learning rate of group {@code g}. */
  public double groupLearningRate(int g) {
    return group(g).option(LR);
  }

  /**
   * Sets one option of group {@code g} (validated). Setting {@link #LR} also sets the group's factor
   * to {@code v / baseLr}, so later {@link #setLearningRate} calls keep the new ratio.
   */
  public void setGroupOption(int g, String key, double v) {
    ParamGroup group = group(g);
    if (!defaults.containsKey(key)) {
      throw new IllegalArgumentException(
          name + ": unknown option '" + key + "' (known: " + String.join(", ", defaults.keySet())
              + ")");
    }
    ParamGroup updated = group.withOption(key, v);
    validateGroup(updated);
    groups.set(g, updated);
    if (key.equals(LR)) {
      lrFactors.set(g, baseLr == 0 ? 1.0 : v / baseLr);
    }
  }

  /** True when {@link #setMomentum} is supported (SGD, RMSprop: momentum; Adam family: beta1). */
  public boolean hasMomentum() {
    return momentumKey != null;
  }

  /** The momentum of group 0 ({@code momentum} for SGD and RMSprop, {@code beta1} for Adam/AdamW). */
  public double momentum() {
    requireMomentum();
    return groups.get(0).option(momentumKey);
  }

  /**
   * Sets the momentum of every group (one-cycle momentum cycling): {@code momentum} for SGD and
   * RMSprop, {@code beta1} for Adam and AdamW.
   */
  public void setMomentum(double momentum) {
    requireMomentum();
    for (int g = 0; g < groups.size(); g++) {
      setGroupOption(g, momentumKey, momentum);
    }
  }

  private void requireMomentum() {
    if (momentumKey == null) {
      throw new UnsupportedOperationException(name + ": has no momentum to set");
    }
  }

  private ParamGroup group(int g) {
    if (g < 0 || g >= groups.size()) {
      throw new IndexOutOfBoundsException(
          name + ": group " + g + " out of range (has " + groups.size() + " groups)");
    }
    return groups.get(g);
  }

  /** The state of parameter {@code i} of group {@code g}, or null before its first update. */
  public ParamState state(int g, int i) {
    group(g);
    ParamState[] st = states.get(g);
    if (i < 0 || i >= st.length) {
      throw new IndexOutOfBoundsException(
          name + ": parameter " + i + " out of range (group " + g + " has " + st.length + ")");
    }
    return st[i];
  }

  // ---------------------------------------------------------------- state dict

  /** A snapshot of all state and hyperparameters (copies; see the class comment for the keys). */
  public Map<String, Tensor> stateDict() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    out.put(STEP_COUNT, StateDicts.ofLong(stepCount));
    out.put(BASE_LR, StateDicts.ofDouble(baseLr));
    for (int g = 0; g < groups.size(); g++) {
      ParamGroup group = groups.get(g);
      String gp = "groups." + g + ".";
      out.put(gp + NUM_PARAMS, StateDicts.ofLong(group.params().size()));
      out.put(gp + LR_FACTOR, StateDicts.ofDouble(lrFactors.get(g)));
      for (var e : group.options().entrySet()) {
        out.put(gp + e.getKey(), StateDicts.ofDouble(e.getValue()));
      }
    }
    for (int g = 0; g < groups.size(); g++) {
      ParamState[] st = states.get(g);
      for (int i = 0; i < st.length; i++) {
        if (st[i] == null) {
          continue;
        }
        String sp = "state." + g + "." + i + ".";
        int[] shape = groups.get(g).params().get(i).shape();
        out.put(sp + "step", StateDicts.ofLong(st[i].step()));
        for (var e : st[i].buffers().entrySet()) {
          out.put(sp + e.getKey(), Tensor.wrap(e.getValue().clone(), shape));
        }
      }
    }
    return out;
  }

  /**
   * Restores a {@link #stateDict()} taken from an optimizer of the same kind over parameters of the
   * same shapes in the same groups. Checks everything first and throws once, listing every missing or
   * unexpected key and every shape mismatch; on failure nothing changes.
   */
  public void loadStateDict(Map<String, Tensor> dict) {
    List<String> problems = new ArrayList<>();
    TreeSet<String> unused = new TreeSet<>(dict.keySet());
    long newStepCount = readLong(dict, STEP_COUNT, unused, problems);
    double newBase = readDouble(dict, BASE_LR, unused, problems);
    List<ParamGroup> newGroups = new ArrayList<>();
    List<Double> newFactors = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      ParamGroup group = groups.get(g);
      String gp = "groups." + g + ".";
      long n = readLong(dict, gp + NUM_PARAMS, unused, problems);
      if (dict.containsKey(gp + NUM_PARAMS) && n != group.params().size()) {
        problems.add(gp + NUM_PARAMS + ": " + n + " parameters saved, group '" + group.name()
            + "' has " + group.params().size());
      }
      newFactors.add(readDouble(dict, gp + LR_FACTOR, unused, problems));
      Map<String, Double> opts = new LinkedHashMap<>();
      for (String key : defaults.keySet()) {
        opts.put(key, readDouble(dict, gp + key, unused, problems));
      }
      ParamGroup loaded = new ParamGroup(group.name(), group.params(), opts);
      if (problems.isEmpty()) {
        try {
          validateGroup(loaded);
        } catch (IllegalArgumentException e) {
          problems.add(gp + "*: " + e.getMessage());
        }
      }
      newGroups.add(loaded);
    }
    List<ParamState[]> newStates = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      List<Tensor> ps = groups.get(g).params();
      ParamState[] st = new ParamState[ps.size()];
      for (int i = 0; i < ps.size(); i++) {
        String sp = "state." + g + "." + i + ".";
        List<String> keys = new ArrayList<>();
        for (String k : unused) {
          if (k.startsWith(sp)) {
            keys.add(k);
          }
        }
        if (keys.isEmpty()) {
          continue;
        }
        Tensor p = ps.get(i);
        ParamState s = new ParamState(p.numel());
        s.setStep(readLong(dict, sp + "step", unused, problems));
        for (String k : keys) {
          if (k.equals(sp + "step")) {
            continue;
          }
          unused.remove(k);
          Tensor t = dict.get(k);
          if (t.dtype() != DType.FLOAT32 || !Arrays.equals(t.shape(), p.shape())) {
            problems.add(k + ": got " + t.dtype().label() + " " + Arrays.toString(t.shape())
                + ", expected float32 " + Arrays.toString(p.shape()) + " like the parameter");
            continue;
          }
          s.put(k.substring(sp.length()), t.toFloatArray());
        }
        st[i] = s;
      }
      newStates.add(st);
    }
    for (String k : unused) {
      problems.add("unexpected key " + k);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          name + ".loadStateDict: " + problems.size() + " problem(s): "
              + String.join("; ", problems));
    }
    stepCount = newStepCount;
    baseLr = newBase;
    for (int g = 0; g < groups.size(); g++) {
      groups.set(g, newGroups.get(g));
      lrFactors.set(g, newFactors.get(g));
      states.set(g, newStates.get(g));
    }
  }

  private static long readLong(
      Map<String, Tensor> dict, String key, TreeSet<String> unused, List<String> problems) {
    Tensor t = dict.get(key);
    unused.remove(key);
    if (t == null) {
      problems.add("missing key " + key);
      return 0;
    }
    try {
      return StateDicts.toLong(key, t);
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
      return 0;
    }
  }

  private static double readDouble(
      Map<String, Tensor> dict, String key, TreeSet<String> unused, List<String> problems) {
    return Double.longBitsToDouble(readLong(dict, key, unused, problems));
  }

  @Override
  public String toString() {
    return name + "(groups=" + groups.size() + ", params=" + seen.size() + ", lr=" + baseLr + ")";
  }
}
