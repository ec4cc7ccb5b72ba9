package dev.lernwerk.tensor;

/**
 * The flat heap array behind one or more tensors (a tensor and all its views share one storage).
 *
 * <p>Exactly one of {@link #floats()} and {@link #ints()} is non-null. Every in-place write bumps the
 * {@linkplain #version() version counter}; autograd records the version of each tensor it saves and
 * refuses to run backward over a storage that changed since.
 */
public final class Storage {
  private final float[] floats;
  private final int[] ints;
  private int version;

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

  /** The float array, or null for an integer storage. */
  public float[] floats() {
    return floats;
  }

  /** The int array, or null for a float storage. */
  public int[] ints() {
    return ints;
  }

  /** Number of elements in the array. */
  public int length() {
    return floats != null ? floats.length : ints.length;
  }

  /** How many in-place writes this storage has seen. */
  public int version() {
    return version;
  }

  /** Records an in-place write. Called by every in-place operation. */
  public void bumpVersion() {
    version++;
  }
}
