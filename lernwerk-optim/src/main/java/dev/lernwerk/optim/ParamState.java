package dev.lernwerk.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The optimizer's memory for one parameter: how many updates it has had and named buffers shaped like
 * the parameter (flat {@code float[]} of its element count), created on first use.
 *
 * <p>Buffers are saved in {@link Optimizer#stateDict()} under {@code state.<group>.<index>.<name>} as
 * float tensors of the parameter's shape, the step count under {@code state.<group>.<index>.step}.
 */
public final class ParamState {
  private final int numel;
  private long step;
  private final Map<String, float[]> buffers = new LinkedHashMap<>();

  ParamState(int numel) {
    this.numel = numel;
  }

  /** Number of updates applied to this parameter, counting the one in progress (1 on the first). */
  public long step() {
    return step;
  }

  void setStep(long step) {
    this.step = step;
  }

  /** The buffer {@code name}, created filled with zeros on first use. */
  public float[] buffer(String name) {
    return buffers.computeIfAbsent(name, k -> new float[numel]);
  }

  /** The buffer {@code name}, created filled with {@code initial} on first use. */
  public float[] buffer(String name, float initial) {
    return buffers.computeIfAbsent(
        name,
        k -> {
          float[] a = new float[numel];
          java.util.Arrays.fill(a, initial);
          return a;
        });
  }

  /** True once the buffer exists (e.g. SGD's momentum buffer starts as the first gradient). */
  public boolean has(String name) {
    return buffers.containsKey(name);
  }

  /** The buffers by name, in creation order (read-only view; the arrays are live). */
  public Map<String, float[]> buffers() {
    return Collections.unmodifiableMap(buffers);
  }

  void put(String name, float[] values) {
    if (values.length != numel) {
      throw new IllegalArgumentException(
          "ParamState: buffer " + name + " has " + values.length + " values, expected " + numel);
    }
    buffers.put(name, values);
  }

  int numel() {
    return numel;
  }
}
