package dev.lernwerk.tensor;

/**
 * The flat heap array behind one or more tensors (a tensor and all its views share one storage).
 *
 * <p>Exactly one of {@link #floats()} and {@link #ints()} is non-null. Every in-place write bumps the
 * {@linkplain #version() version counter}; autograd records the version of each tensor it saves and
 * refuses to run backward over a storage that changed since.
 *
 * <p>A float storage made by {@link #forResult} inside a {@link TensorScope} belongs to that scope:
 * when the scope closes, its array goes back to the thread's pool for reuse and the storage is
 * <em>released</em>. Reading a released storage throws; it never shows another tensor's values.
 */
public final class Storage {
  private float[] floats;
  private final int[] ints;
  private int version;
  private boolean released;
  private int releasedLength;
  /** The scope that recycles this storage when it closes, or null (the GC manages it). */
  TensorScope owner;

  private Storage(float[] floats, int[] ints) {
    this.floats = floats;
    this.ints = ints;
  }

  /** Wraps a float array (no copy). */
  public static Storage ofFloats(float[] data) {
    return new Storage(java.util.Objects.requireNonNull(data, "data"), null);
  }

  /** Wraps an int array (no copy). */
  public static Storage ofInts(int[] data) {
    return new Storage(null, java.util.Objects.requireNonNull(data, "data"));
  }

  /**
   * A float storage of {@code n} elements for an op's result. Outside a {@link TensorScope} this is
   * a new zero-filled array. Inside one, small sizes are too, but arrays of {@value
   * TensorScope#MIN_POOLED} elements or more come from the thread's pool when it holds one of that
   * length, <b>with the values it last held</b>, and return to the pool when the scope closes. The
   * caller must therefore write every element.
   */
  public static Storage forResult(int n) {
    return TensorScope.allocate(n, false);
  }

  /**
   * Like {@link #forResult}, but always zero-filled: for results an op writes only in part (a
   * scatter, a gradient with rows left at zero).
   */
  public static Storage zeroedForResult(int n) {
    return TensorScope.allocate(n, true);
  }

  /**
   * Engine use: a storage over a pooled array, owned by {@code scope}.
   */
  static Storage owned(float[] data, TensorScope scope) {
    Storage s = new Storage(data, null);
    s.owner = scope;
    return s;
  }

  /**
   * The float array, or null for an integer storage.
   *
   * @throws IllegalStateException if the storage was released by the {@link TensorScope} it
   *     belonged to
   */
  public float[] floats() {
    requireLive();
    return floats;
  }

  /** The int array, or null for a float storage. */
  public int[] ints() {
    return ints;
  }

  /** Number of elements in the array. */
  public int length() {
    requireLive();
    return floats != null ? floats.length : ints.length;
  }

  /** True once the {@link TensorScope} that owned this storage has closed and recycled its array. */
  public boolean isReleased() {
    return released;
  }

  /** How many in-place writes this storage has seen. */
  public int version() {
    return version;
  }

  /** Records an in-place write. Called by every in-place operation. */
  public void bumpVersion() {
    version++;
  }

  /** Throws the "released" error once a scope has recycled this storage's array. */
  void requireLive() {
    if (released) {
      throw releasedError();
    }
  }

  /** Marks the storage released and hands back its array (scope use). */
  float[] release() {
    float[] f = floats;
    releasedLength = f.length;
    floats = null;
    released = true;
    owner = null;
    return f;
  }

  private IllegalStateException releasedError() {
    return new IllegalStateException(
        "tensor storage of " + releasedLength + " floats was released: its TensorScope closed and"
            + " recycled the memory; use the tensor"
            + " inside the scope, or call scope.keep(tensor) (or TensorScope.persist(tensor))"
            + " before the scope closes");
  }
}
