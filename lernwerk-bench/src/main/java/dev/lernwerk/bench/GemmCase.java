package dev.lernwerk.bench;

import dev.lernwerk.kernel.Gemm;
import java.util.SplittableRandom;

/**
 * One SGEMM workload: C (M×N) = op(A)·op(B) with the inner dimension K, row-major, in the form NN,
 * NT (B stored transposed, N×K) or TN (A stored transposed, K×M), as backprop uses them.
 */
final class GemmCase {
  final int m;
  final int k;
  final int n;
  final String form;
  private final boolean transA;
  private final boolean transB;
  private final float[] a;
  private final float[] b;
  private final float[] c;

  GemmCase(int m, int k, int n, String form) {
    if (!form.equals("NN") && !form.equals("NT") && !form.equals("TN")) {
      throw new IllegalArgumentException("form: expected NN, NT or TN, got " + form);
    }
    this.m = m;
    this.k = k;
    this.n = n;
    this.form = form;
    this.transA = form.equals("TN");
    this.transB = form.equals("NT");
    SplittableRandom rnd = new SplittableRandom(42);
    a = new float[m * k];
    b = new float[k * n];
    c = new float[m * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) rnd.nextDouble() - 0.5f;
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = (float) rnd.nextDouble() - 0.5f;
    }
  }

  /** Parses "MxKxN". */
  static GemmCase parse(String shape, String form) {
    String[] p = shape.split("x");
    if (p.length != 3) {
      throw new IllegalArgumentException("shape: expected MxKxN, got " + shape);
    }
    return new GemmCase(
        Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]), form);
  }

  double flops() {
    return 2.0 * m * n * k;
  }

  float[] run() {
    Gemm.sgemm(
        transA, transB, m, n, k, a, 0, transA ? m : k, b, 0, transB ? k : n, c, 0, n, false);
    return c;
  }
}
