package dev.lernwerk.tensor;

import java.util.Locale;

/**
 * PyTorch-style printing: nested brackets, aligned columns, large tensors elided with {@code ...}
 * (the first and last 3 entries of each dim when there are more than 1000 elements). The shape is
 * appended for tensors of rank 2 and more and for elided ones.
 */
final class TensorFormat {
  private static final int THRESHOLD = 1000;
  private static final int EDGE = 3;

  private TensorFormat() {}

  static String format(Tensor t) {
    int[] shape = t.shape();
    boolean elide = t.numel() > THRESHOLD;
    float[] v = t.toFloatArray();
    boolean ints = t.dtype() != DType.FLOAT32;
    boolean allIntegral = true;
    double maxAbs = 0;
    for (float x : v) {
      if (Float.isFinite(x)) {
        maxAbs = Math.max(maxAbs, Math.abs(x));
        if (x != Math.rint(x)) {
          allIntegral = false;
        }
      }
    }
    boolean sci = !ints && (maxAbs >= 1e8 || (maxAbs > 0 && maxAbs < 1e-4));
    String[] cells = new String[v.length];
    int width = 0;
    for (int i = 0; i < v.length; i++) {
      cells[i] = cell(v[i], t.dtype(), allIntegral, sci);
      width = Math.max(width, cells[i].length());
    }
    StringBuilder sb = new StringBuilder("tensor(");
    if (shape.length == 0) {
      sb.append(cells.length == 0 ? "" : cells[0]);
    } else if (v.length == 0) {
      sb.append("[]"); // like PyTorch: the shape says how it is empty
    } else {
      int[] strides = Shape.contiguousStrides(shape);
      render(sb, shape, strides, 0, 0, cells, width, elide, 7);
    }
    if (shape.length > 1 || elide) {
      sb.append(", shape=").append(Shape.str(shape));
    }
    if (t.dtype() != DType.FLOAT32) {
      sb.append(", dtype=").append(t.dtype().label());
    }
    if (t.gradFn() != null) {
      sb.append(", grad_fn=").append(t.gradFn().name());
    } else if (t.requiresGrad()) {
      sb.append(", requires_grad=true");
    }
    return sb.append(')').toString();
  }

  private static String cell(float x, DType dtype, boolean integral, boolean sci) {
    if (dtype == DType.BOOL) {
      return x != 0 ? "true" : "false";
    }
    if (dtype == DType.INT32) {
      return Integer.toString((int) x);
    }
    if (Float.isNaN(x)) {
      return "nan";
    }
    if (Float.isInfinite(x)) {
      return x > 0 ? "inf" : "-inf";
    }
    if (sci) {
      return String.format(Locale.ROOT, "%.4e", x);
    }
    if (integral) {
      return String.format(Locale.ROOT, "%.0f.", x);
    }
    return String.format(Locale.ROOT, "%.4f", x);
  }

  private static void render(
      StringBuilder sb, int[] shape, int[] strides, int dim, int base, String[] cells, int width,
      boolean elide, int indent) {
    sb.append('[');
    int n = shape[dim];
    boolean cut = elide && n > 2 * EDGE;
    for (int i = 0; i < n; i++) {
      if (cut && i == EDGE) {
        sb.append(dim == shape.length - 1 ? "..., " : "...,\n" + " ".repeat(indent + dim + 1));
        i = n - EDGE;
      }
      int off = base + i * strides[dim];
      if (dim == shape.length - 1) {
        String c = cells.length == 0 ? "" : cells[off];
        sb.append(" ".repeat(Math.max(0, width - c.length()))).append(c);
      } else {
        render(sb, shape, strides, dim + 1, off, cells, width, elide, indent);
      }
      if (i < n - 1) {
        sb.append(',');
        if (dim == shape.length - 1) {
          sb.append(' ');
        } else {
          sb.append("\n".repeat(shape.length - 1 - dim)).append(" ".repeat(indent + dim + 1));
        }
      }
    }
    sb.append(']');
  }
}
