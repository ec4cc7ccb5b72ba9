package dev.lernwerk.kernel;

/**
 * Walks an n-d index space over up to three strided operands as a sequence of 1-d runs, after
 * dropping size-1 dims and merging dims that are contiguous for every operand. The walk over a flat
 * range {@code [start, end)} of the (row-major) index space lets kernels cut work into chunks.
 */
public final class Strided {
  /** Receives one run: {@code len} elements starting at the given offsets, with the inner strides. */
  @FunctionalInterface
  public interface Run {
    void run(int off0, int off1, int off2, int len);
  }

  final int rank;
  final int[] size;
  final int[] s0;
  final int[] s1;
  final int[] s2;
  final int numel;

  private Strided(int rank, int[] size, int[] s0, int[] s1, int[] s2, int numel) {
    this.rank = rank;
    this.size = size;
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.numel = numel;
  }

  /** Plan for {@code shape} with the strides of up to three operands (null for absent ones). */
  public static Strided of(int[] shape, int[] st0, int[] st1, int[] st2) {
    int n = shape.length;
    int[] size = new int[Math.max(n, 1)];
    int[] a = new int[Math.max(n, 1)];
    int[] b = new int[Math.max(n, 1)];
    int[] c = new int[Math.max(n, 1)];
    int r = 0;
    int numel = 1;
    for (int d = 0; d < n; d++) {
      numel *= shape[d];
      if (shape[d] == 1) {
        continue;
      }
      int x = st0 == null ? 0 : st0[d];
      int y = st1 == null ? 0 : st1[d];
      int z = st2 == null ? 0 : st2[d];
      if (r > 0
          && a[r - 1] == x * shape[d]
          && b[r - 1] == y * shape[d]
          && c[r - 1] == z * shape[d]) {
        size[r - 1] *= shape[d];
        a[r - 1] = x;
        b[r - 1] = y;
        c[r - 1] = z;
      } else {
        size[r] = shape[d];
        a[r] = x;
        b[r] = y;
        c[r] = z;
        r++;
      }
    }
    if (r == 0) {
      size[0] = 1;
      r = 1;
    }
    return new Strided(r, size, a, b, c, numel);
  }

  /** Total number of elements. */
  public int numel() {
    return numel;
  }

  /** Length of the innermost (merged) dim. */
  public int inner() {
    return size[rank - 1];
  }

  /** Inner stride of operand 0, 1 or 2. */
  public int innerStride(int operand) {
    return (operand == 0 ? s0 : operand == 1 ? s1 : s2)[rank - 1];
  }

  /** Visits the flat range {@code [start, end)} as runs along the inner dim. */
  public void walk(int start, int end, int base0, int base1, int base2, Run run) {
    if (start >= end) {
      return;
    }
    int[] idx = new int[rank];
    int rem = start;
    int o0 = base0;
    int o1 = base1;
    int o2 = base2;
    for (int d = rank - 1; d >= 0; d--) {
      idx[d] = rem % size[d];
      rem /= size[d];
      o0 += idx[d] * s0[d];
      o1 += idx[d] * s1[d];
      o2 += idx[d] * s2[d];
    }
    int inner = size[rank - 1];
    int pos = start;
    while (pos < end) {
      int len = Math.min(inner - idx[rank - 1], end - pos);
      run.run(o0, o1, o2, len);
      pos += len;
      if (pos >= end) {
        break;
      }
      // advance to the start of the next row
      o0 += (len) * s0[rank - 1];
      o1 += (len) * s1[rank - 1];
      o2 += (len) * s2[rank - 1];
      idx[rank - 1] += len;
      for (int d = rank - 1; d > 0 && idx[d] == size[d]; d--) {
        o0 -= size[d] * s0[d];
        o1 -= size[d] * s1[d];
        o2 -= size[d] * s2[d];
        idx[d] = 0;
        idx[d - 1]++;
        o0 += s0[d - 1];
        o1 += s1[d - 1];
        o2 += s2[d - 1];
      }
    }
  }

  /** Grain (elements) below which pointwise work stays on the calling thread. */
  public static final int GRAIN = 1 << 15;

  /** Walks the whole space, in parallel chunks when it is large. */
  public void walkParallel(int base0, int base1, int base2, Run run) {
    if (numel < 2 * GRAIN && rank <= 2) {
      walkSmall(base0, base1, base2, run);
      return;
    }
    Parallel.forRange(numel, GRAIN, (s, e) -> walk(s, e, base0, base1, base2, run));
  }

  /** The whole walk of a space of at most two (merged) dims on the calling thread, row by row. */
  private void walkSmall(int base0, int base1, int base2, Run run) {
    if (numel == 0) {
      return;
    }
    int inner = size[rank - 1];
    if (rank == 1) {
      run.run(base0, base1, base2, inner);
      return;
    }
    int a = s0[0];
    int b = s1[0];
    int c = s2[0];
    for (int r = 0, rows = size[0]; r < rows; r++) {
      run.run(base0 + r * a, base1 + r * b, base2 + r * c, inner);
    }
  }
}
