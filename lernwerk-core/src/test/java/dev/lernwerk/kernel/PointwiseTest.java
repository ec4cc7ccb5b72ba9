package dev.lernwerk.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Strided walks and the pointwise/reduction kernels against naive index loops, on random shapes
 * (with size-0 and size-1 dims) and random strides (permuted, stepped, broadcast, negative-free).
 */
@Tag("kernels")
class PointwiseTest {

  /** A random strided view: shape, strides and offset into an array of {@code span} elements. */
  record View(int[] shape, int[] strides, int offset, int span) {}

  static View randomView(Random r, int[] shape) {
    int rank = shape.length;
    // contiguous strides of a permuted, padded layout, then some dims broadcast (stride 0)
    int[] order = new int[rank];
    for (int i = 0; i < rank; i++) {
      order[i] = i;
    }
    for (int i = rank - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int[] strides = new int[rank];
    int acc = 1 + r.nextInt(2);
    for (int k = rank - 1; k >= 0; k--) {
      int d = order[k];
      strides[d] = acc;
      acc *= Math.max(shape[d], 1) + r.nextInt(2);
    }
    for (int d = 0; d < rank; d++) {
      if (r.nextInt(5) == 0) {
        strides[d] = 0;
      }
    }
    int offset = r.nextInt(4);
    return new View(shape, strides, offset, offset + acc + 1);
  }

  static int[] randomShape(Random r) {
    int rank = r.nextInt(5);
    int[] s = new int[rank];
    for (int d = 0; d < rank; d++) {
      s[d] = r.nextInt(10) == 0 ? 0 : 1 + r.nextInt(5);
    }
    return s;
  }

  static int[] contiguous(int[] shape) {
    return Pointwise.Layout.contiguous(shape);
  }

  /** Flat offsets of every index of {@code shape} in row-major order. */
  static int[] offsets(int[] shape, int[] strides, int offset) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    int[] out = new int[n];
    int[] idx = new int[shape.length];
    for (int i = 0; i < n; i++) {
      int o = offset;
      for (int d = 0; d < shape.length; d++) {
        o += idx[d] * strides[d];
      }
      out[i] = o;
      for (int d = shape.length - 1; d >= 0; d--) {
        if (++idx[d] < shape[d]) {
          break;
        }
        idx[d] = 0;
      }
    }
    return out;
  }

  @Test
  void walkVisitsEveryIndexOnceInOrder() {
    Random r = new Random(7);
    for (int trial = 0; trial < 300; trial++) {
      int[] shape = randomShape(r);
      View a = randomView(r, shape);
      View b = randomView(r, shape);
      View c = randomView(r, shape);
      int[] ea = offsets(shape, a.strides(), a.offset());
      int[] eb = offsets(shape, b.strides(), b.offset());
      int[] ec = offsets(shape, c.strides(), c.offset());
      Strided p = Strided.of(shape, a.strides(), b.strides(), c.strides());
      assertEquals(ea.length, p.numel());
      int start = ea.length == 0 ? 0 : r.nextInt(ea.length + 1);
      int end = start + (ea.length == start ? 0 : r.nextInt(ea.length - start + 1));
      List<int[]> seen = new ArrayList<>();
      int sa = p.innerStride(0);
      int sb = p.innerStride(1);
      int sc = p.innerStride(2);
      p.walk(start, end, a.offset(), b.offset(), c.offset(), (x, y, z, len) -> {
        for (int i = 0; i < len; i++) {
          seen.add(new int[] {x + i * sa, y + i * sb, z + i * sc});
        }
      });
      assertEquals(end - start, seen.size(), "trial " + trial);
      for (int i = start; i < end; i++) {
        int[] got = seen.get(i - start);
        assertArrayEquals(new int[] {ea[i], eb[i], ec[i]}, got, "trial " + trial + " index " + i);
      }
    }
  }

  @Test
  void binaryUnaryCompareAndCopyMatchNaiveLoops() {
    Random r = new Random(8);
    for (int trial = 0; trial < 300; trial++) {
      int[] shape = randomShape(r);
      View va = randomView(r, shape);
      View vb = randomView(r, shape);
      float[] a = FloatKernelsTest.data(r, va.span(), true);
      float[] b = FloatKernelsTest.data(r, vb.span(), true);
      int[] oa = offsets(shape, va.strides(), va.offset());
      int[] ob = offsets(shape, vb.strides(), vb.offset());
      int n = oa.length;
      BinaryFn f = BinaryFn.values()[r.nextInt(BinaryFn.values().length)];
      float[] out = new float[n];
      Pointwise.binary(f, shape, a, va.offset(), va.strides(), b, vb.offset(), vb.strides(), out);
      int[] cmp = new int[n];
      BinaryFn c = BinaryFn.values()[BinaryFn.EQ.ordinal() + r.nextInt(6)];
      Pointwise.compare(c, shape, a, va.offset(), va.strides(), b, vb.offset(),
          vb.strides(), cmp);
      UnaryFn u = UnaryFn.values()[r.nextInt(UnaryFn.values().length)];
      float[] uo = new float[n];
      Pointwise.unary(u, shape, a, va.offset(), va.strides(), uo, 0.3f, 0.9f);
      View vd = randomView(r, shape);
      float[] dst = new float[vd.span()];
      // copies need distinct destinations: no broadcast dims in the destination
      View vdc = new View(shape, contiguous(shape), 0, Math.max(n, 1));
      float[] dstc = new float[Math.max(n, 1)];
      Pointwise.copy(shape, a, va.offset(), va.strides(), dstc, 0, vdc.strides());
      int[] ai = new int[va.span()];
      for (int i = 0; i < ai.length; i++) {
        ai[i] = r.nextInt();
      }
      int[] dsti = new int[Math.max(n, 1)];
      Pointwise.copy(shape, ai, va.offset(), va.strides(), dsti, 0, vdc.strides());
      for (int i = 0; i < n; i++) {
        String at = "trial " + trial + " index " + i;
        assertEquals(Float.floatToIntBits(f.apply(a[oa[i]], b[ob[i]])),
            Float.floatToIntBits(out[i]), f + " " + at);
        assertEquals(c.apply(a[oa[i]], b[ob[i]]) != 0f ? 1 : 0, cmp[i], c + " " + at);
        assertEquals(Float.floatToIntBits(u.apply(a[oa[i]], 0.3f, 0.9f)),
            Float.floatToIntBits(uo[i]), u + " " + at);
        assertEquals(Float.floatToIntBits(a[oa[i]]), Float.floatToIntBits(dstc[i]), "copy " + at);
        assertEquals(ai[oa[i]], dsti[i], "int copy " + at);
      }
      assertEquals(vd.span(), dst.length);
    }
  }

  @Test
  void flatFastPathsMatchTheStridedPath() {
    Random r = new Random(10);
    for (int n : new int[] {0, 1, 7, 100, 2 * Strided.GRAIN + 3, 3 * Strided.GRAIN + 5}) {
      float[] a = FloatKernelsTest.data(r, n + 2, true);
      float[] b = FloatKernelsTest.data(r, n + 2, true);
      int[] shape = {n};
      for (BinaryFn f : new BinaryFn[] {BinaryFn.ADD, BinaryFn.MUL, BinaryFn.DIV, BinaryFn.MAX,
          BinaryFn.POW}) {
        for (int bs : new int[] {0, 1}) {
          float[] want = new float[n];
          float[] got = new float[n];
          Pointwise.binary(f, shape, a, 1, new int[] {1}, b, 2, new int[] {bs}, want);
          Pointwise.binaryFlat(f, n, a, 1, 1, b, 2, bs, got);
          assertArrayEquals(bits(want), bits(got), f + " n=" + n + " bs=" + bs);
          Pointwise.binary(f, shape, b, 2, new int[] {bs}, a, 1, new int[] {1}, want);
          Pointwise.binaryFlat(f, n, b, 2, bs, a, 1, 1, got);
          assertArrayEquals(bits(want), bits(got), f + " n=" + n + " as=" + bs);
        }
      }
      for (UnaryFn u : new UnaryFn[] {UnaryFn.EXP, UnaryFn.RELU, UnaryFn.CLAMP, UnaryFn.SIGMOID}) {
        float[] want = new float[n];
        float[] got = new float[n];
        Pointwise.unary(u, shape, a, 1, new int[] {1}, want, -0.5f, 0.5f);
        Pointwise.unaryFlat(u, n, a, 1, got, -0.5f, 0.5f);
        assertArrayEquals(bits(want), bits(got), u + " n=" + n);
      }
    }
  }

  private static int[] bits(float[] v) {
    int[] out = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Float.floatToIntBits(v[i]);
    }
    return out;
  }

  @Test
  void copyIntoStridedDestination() {
    float[] src = {1, 2, 3, 4, 5, 6};
    float[] dst = new float[12];
    // write a (2, 3) block transposed into a (3, 2) region with row stride 4, offset 1
    Pointwise.copy(new int[] {2, 3}, src, 0, new int[] {3, 1}, dst, 1, new int[] {1, 4});
    assertArrayEquals(new float[] {0, 1, 4, 0, 0, 2, 5, 0, 0, 3, 6, 0}, dst);
  }

  @Test
  void reduceRowsAndColumnsMatchNaiveOrder() {
    Random r = new Random(9);
    for (int trial = 0; trial < 200; trial++) {
      int rows = r.nextInt(6);
      int len = r.nextInt(40);
      int off = r.nextInt(3);
      float[] a = FloatKernelsTest.data(r, off + rows * len + 2, trial % 3 == 0);
      float[] sums = new float[rows + 1];
      Reduce.sumRows(a, off, rows, len, sums, 1);
      for (int i = 0; i < rows; i++) {
        assertEquals(Float.floatToIntBits(FloatKernelsTest.referenceSum(a, off + i * len, len)),
            Float.floatToIntBits(sums[i + 1]), "sumRows trial " + trial + " row " + i);
      }
      float[] cols = new float[len + 2];
      java.util.Arrays.fill(cols, 99f);
      Reduce.sumCols(a, off, rows, len, cols, 2);
      for (int j = 0; j < len; j++) {
        float s = 0f;
        for (int i = 0; i < rows; i++) {
          s += a[off + i * len + j];
        }
        assertEquals(Float.floatToIntBits(s), Float.floatToIntBits(cols[j + 2]),
            "sumCols trial " + trial + " col " + j);
      }
      assertEquals(99f, cols[0]);
      if (len == 0) {
        continue;
      }
      for (boolean min : new boolean[] {false, true}) {
        float[] best = new float[rows];
        int[] idx = new int[rows];
        Reduce.maxRows(a, off, rows, len, min, best, idx);
        for (int i = 0; i < rows; i++) {
          int bi = 0;
          float bv = a[off + i * len];
          for (int j = 1; j < len && !Float.isNaN(bv); j++) {
            float v = a[off + i * len + j];
            if (Float.isNaN(v) || (min ? v < bv : v > bv)) {
              bv = v;
              bi = j;
            }
          }
          assertEquals(bi, idx[i], (min ? "min" : "max") + " index, trial " + trial + " row " + i);
          assertEquals(Float.floatToIntBits(bv), Float.floatToIntBits(best[i]));
        }
      }
    }
  }

  @Test
  void maxRowsPicksFirstOfTiesAndFirstNan() {
    float[] a = {1, 3, 3, 2, /* row 2 */ 5, Float.NaN, 7, Float.NaN, /* row 3 */ -1, -1, -2, -2};
    float[] v = new float[3];
    int[] i = new int[3];
    Reduce.maxRows(a, 0, 3, 4, false, v, i);
    assertArrayEquals(new int[] {1, 1, 0}, i);
    assertArrayEquals(new float[] {3, Float.NaN, -1}, v);
    Reduce.maxRows(a, 0, 3, 4, true, v, i);
    assertArrayEquals(new int[] {0, 1, 2}, i);
  }
}
