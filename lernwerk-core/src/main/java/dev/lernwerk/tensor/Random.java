package dev.lernwerk.tensor;

/** Random tensor factories behind {@link Tensor#rand} and friends; sequential and seeded. */
final class Random {
  private Random() {}

  static Tensor uniform(Generator gen, double lo, double hi, int[] shape) {
    Shape.check("uniform", shape);
    if (!(lo <= hi)) {
      throw new IllegalArgumentException("uniform: expected lo <= hi, got lo=" + lo + ", hi=" + hi);
    }
    float[] d = new float[Shape.numel(shape)];
    double w = hi - lo;
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) (lo + w * gen.nextFloat());
    }
    return Tensor.wrap(d, shape);
  }

  static Tensor normal(Generator gen, double mean, double std, int[] shape) {
    Shape.check("normal", shape);
    if (!(std >= 0)) {
      throw new IllegalArgumentException("normal: std must be >= 0, got " + std);
    }
    float[] d = new float[Shape.numel(shape)];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) (mean + std * gen.nextGaussian());
    }
    return Tensor.wrap(d, shape);
  }

  static Tensor randint(Generator gen, int lo, int hi, int[] shape) {
    Shape.check("randint", shape);
    if (hi <= lo) {
      throw new IllegalArgumentException("randint: expected lo < hi, got lo=" + lo + ", hi=" + hi);
    }
    int[] d = new int[Shape.numel(shape)];
    long span = (long) hi - lo;
    for (int i = 0; i < d.length; i++) {
      d[i] = (int) (lo + (span <= Integer.MAX_VALUE ? gen.nextInt((int) span)
          : Math.floorMod(gen.nextLong(), span)));
    }
    return Tensor.wrapInts(d, shape);
  }

  static Tensor bernoulli(Generator gen, double p, int[] shape) {
    Shape.check("bernoulli", shape);
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("bernoulli: p must be in [0, 1], got " + p);
    }
    float[] d = new float[Shape.numel(shape)];
    for (int i = 0; i < d.length; i++) {
      d[i] = gen.nextDouble() < p ? 1f : 0f;
    }
    return Tensor.wrap(d, shape);
  }

  static Tensor permutation(Generator gen, int n) {
    if (n < 0) {
      throw new IllegalArgumentException("randperm: n must be >= 0, got " + n);
    }
    int[] d = new int[n];
    for (int i = 0; i < n; i++) {
      d[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = gen.nextInt(i + 1);
      int t = d[i];
      d[i] = d[j];
      d[j] = t;
    }
    return Tensor.wrapInts(d, n);
  }
}
