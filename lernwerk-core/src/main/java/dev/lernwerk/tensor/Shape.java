package dev.lernwerk.tensor;

import java.util.Arrays;

/**
 * Shape arithmetic shared by all ops: element counts, contiguous strides, dimension normalisation and
 * NumPy broadcasting. All methods are pure and validate their input with messages naming the op.
 */
public final class Shape {
  private Shape() {}

  /** Product of the dims; 1 for a scalar shape {@code []}. Throws if it overflows an int. */
  public static int numel(int[] shape) {
    long n = 1;
    for (int d : shape) {
      n *= d;
      if (n > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "shape " + str(shape) + " has more than " + Integer.MAX_VALUE + " elements");
      }
    }
    return (int) n;
  }

  /** Row-major (C-order) strides of a contiguous tensor of this shape. */
  public static int[] contiguousStrides(int[] shape) {
    int[] s = new int[shape.length];
    int acc = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      s[i] = acc;
      acc *= Math.max(shape[i], 1);
    }
    return s;
  }

  /** Checks that every dim is non-negative. */
  public static int[] check(String op, int[] shape) {
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] < 0) {
        throw new IllegalArgumentException(
            op + ": shape " + str(shape) + " has a negative size at dim " + i
                + " (sizes must be >= 0)");
      }
    }
    numel(shape);
    return shape.clone();
  }

  /**
   * Normalises a possibly negative dim ({@code -1} is the last) into {@code [0, rank)}.
   *
   * @throws IndexOutOfBoundsException naming the op, the dim and the valid range
   */
  public static int dim(String op, int dim, int rank) {
    int lo = rank == 0 ? -1 : -rank;
    int hi = rank == 0 ? 0 : rank - 1;
    if (dim < lo || dim > hi) {
      throw new IndexOutOfBoundsException(
          op + ": dim " + dim + " is out of range for a tensor of rank " + rank
              + " (expected a dim in [" + lo + ", " + hi + "])");
    }
    return dim < 0 ? dim + Math.max(rank, 1) : dim;
  }

  /**
   * Like {@link #dim} for ops that index into a dim (size, slice, select, gather, split, …): a 0-d
   * tensor has no dim to index.
   *
   * @throws IndexOutOfBoundsException naming the op and the dim
   */
  public static int indexDim(String op, int dim, int rank) {
    if (rank == 0) {
      throw new IndexOutOfBoundsException(
          op + ": dim " + dim + " does not exist: the tensor is 0-dimensional (shape [])");
    }
    return dim(op, dim, rank);
  }

  /** Normalises a list of dims and rejects repeats; an empty list means all dims. */
  public static boolean[] dimMask(String op, int[] dims, int rank) {
    boolean[] mask = new boolean[rank];
    if (dims.length == 0) {
      Arrays.fill(mask, true);
      return mask;
    }
    for (int d : dims) {
      int n = dim(op, d, rank);
      if (rank == 0) {
        continue;
      }
      if (mask[n]) {
        throw new IllegalArgumentException(
            op + ": dim " + d + " appears more than once in " + Arrays.toString(dims));
      }
      mask[n] = true;
    }
    return mask;
  }

  /**
   * The NumPy broadcast of two shapes: align from the right; each pair of dims must be equal or one
   * of them 1.
   */
  public static int[] broadcast(String op, int[] a, int[] b) {
    int rank = Math.max(a.length, b.length);
    int[] out = new int[rank];
    for (int i = 0; i < rank; i++) {
      int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
      int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
      if (da != db && da != 1 && db != 1) {
        throw new IllegalArgumentException(
            op + ": shapes " + str(a) + " and " + str(b) + " cannot be broadcast together (dim "
                + i + " of the broadcast shape: " + da + " vs " + db
                + "; sizes must match or one of them be 1)");
      }
      out[i] = da == 1 ? db : da;
    }
    return out;
  }

  /** Strides that read a tensor of {@code shape}/{@code strides} as if it had {@code target} shape. */
  public static int[] broadcastStrides(String op, int[] shape, int[] strides, int[] target) {
    int off = target.length - shape.length;
    if (off < 0) {
      throw new IllegalArgumentException(
          op + ": cannot expand shape " + str(shape) + " to fewer dims " + str(target));
    }
    int[] s = new int[target.length];
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] == target[i + off]) {
        s[i + off] = shape[i] == 1 ? 0 : strides[i];
      } else if (shape[i] == 1) {
        s[i + off] = 0;
      } else {
        throw new IllegalArgumentException(
            op + ": cannot expand shape " + str(shape) + " to " + str(target) + " (dim " + i
                + " has size " + shape[i] + ", expected 1 or " + target[i + off] + ")");
      }
    }
    return s;
  }

  /** {@code [2, 3]} style rendering used in every message. */
  public static String str(int[] shape) {
    return Arrays.toString(shape);
  }
}
