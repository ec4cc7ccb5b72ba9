package dev.lernwerk.kernel;

/** Elementwise binary functions with a kernel. Comparisons produce 0/1. */
public enum BinaryFn {
  ADD,
  SUB,
  MUL,
  DIV,
  /** IEEE max: NaN if either is NaN. */
  MAX,
  MIN,
  POW,
  /** {@code b > 0 ? a : 0}: the gradient {@code a} of ReLU at input {@code b}. */
  RELU_BACKWARD,
  EQ,
  NE,
  LT,
  LE,
  GT,
  GE;

  /** True for the six comparisons. */
  public boolean isComparison() {
    return ordinal() >= EQ.ordinal();
  }

  /** The scalar definition every kernel path must reproduce bit for bit. */
  public float apply(float a, float b) {
    return switch (this) {
      case ADD -> a + b;
      case SUB -> a - b;
      case MUL -> a * b;
      case DIV -> a / b;
      case MAX -> Math.max(a, b);
      case MIN -> Math.min(a, b);
      case POW -> (float) Math.pow(a, b);
      case RELU_BACKWARD -> b > 0 ? a : 0f;
      case EQ -> a == b ? 1f : 0f;
      case NE -> a != b ? 1f : 0f;
      case LT -> a < b ? 1f : 0f;
      case LE -> a <= b ? 1f : 0f;
      case GT -> a > b ? 1f : 0f;
      case GE -> a >= b ? 1f : 0f;
    };
  }
}
