package dev.lernwerk.tensor;

/**
 * A seeded, splittable pseudo-random generator (xoshiro256** seeded through SplitMix64).
 *
 * <p>The same seed always gives the same numbers, on every JVM and platform. A run derives its
 * generators (initialisation, dropout, shuffling, augmentation) from one seed with {@link #split()},
 * so adding draws in one place does not change the numbers elsewhere. The state is four longs and
 * can be saved and restored ({@link #state()}, {@link #setState(long[])}) to resume a run exactly.
 *
 * <pre>{@code
 * var gen = new Generator(42);
 * Tensor w = Tensor.randn(gen, 3, 4);   // same numbers for seed 42, always
 * var dropoutGen = gen.split();         // an independent stream
 * }</pre>
 *
 * Not thread-safe: give each thread its own generator (split them).
 */
public final class Generator {
  private static final Generator DEFAULT = new Generator(0x5EED_1E4E_3E4BL);

  private long s0;
  private long s1;
  private long s2;
  private long s3;
  private double spareNormal;
  private boolean hasSpare;

  /** A generator whose sequence is fully determined by {@code seed}. */
  public Generator(long seed) {
    long x = seed;
    x += 0x9E3779B97F4A7C15L;
    s0 = mix(x);
    x += 0x9E3779B97F4A7C15L;
    s1 = mix(x);
    x += 0x9E3779B97F4A7C15L;
    s2 = mix(x);
    x += 0x9E3779B97F4A7C15L;
    s3 = mix(x);
  }

  private Generator(long[] state, boolean unused) {
    setState(state);
  }

  /**
   * The process-wide default generator, used by the factory methods that take no generator. Reseed
   * it with {@link #manualSeed(long)}; prefer explicit generators in library code.
   */
  public static Generator global() {
    return DEFAULT;
  }

  /** Reseeds the default generator (like {@code torch.manual_seed}). */
  public static void manualSeed(long seed) {
    synchronized (DEFAULT) {
      DEFAULT.setState(new Generator(seed).state());
    }
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The next 64 random bits. */
  public long nextLong() {
    long result = Long.rotateLeft(s1 * 5, 7) * 9;
    long t = s1 << 17;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = Long.rotateLeft(s3, 45);
    return result;
  }

  /** Uniform in {@code [0, 1)} with 24 random bits (every float32 step in [0.5, 1) reachable). */
  public float nextFloat() {
    return (nextLong() >>> 40) * 0x1.0p-24f;
  }

  /** Uniform in {@code [0, 1)} with 53 random bits. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform integer in {@code [0, bound)}, unbiased (Lemire's method). */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("nextInt: bound must be positive, got " + bound);
    }
    long m = (nextLong() >>> 32) * bound;
    long l = m & 0xFFFFFFFFL;
    if (l < bound) {
      long t = (0x100000000L - bound) % bound;
      while (l < t) {
        m = (nextLong() >>> 32) * bound;
        l = m & 0xFFFFFFFFL;
      }
    }
    return (int) (m >>> 32);
  }

  /** Standard normal draw (Box–Muller, the spare value cached). */
  public double nextGaussian() {
    if (hasSpare) {
      hasSpare = false;
      return spareNormal;
    }
    double u1;
    do {
      u1 = nextDouble();
    } while (u1 <= 0);
    double u2 = nextDouble();
    double r = Math.sqrt(-2 * Math.log(u1));
    double theta = 2 * Math.PI * u2;
    spareNormal = r * Math.sin(theta);
    hasSpare = true;
    return r * Math.cos(theta);
  }

  /**
   * A new generator whose stream is independent of this one; advances this generator by one draw.
   */
  public Generator split() {
    return new Generator(nextLong() ^ 0x6A09E667F3BCC909L);
  }

  /** A copy with the same state: both produce the same sequence from here on. */
  public Generator copy() {
    Generator g = new Generator(state(), true);
    g.hasSpare = hasSpare;
    g.spareNormal = spareNormal;
    return g;
  }

  /**
   * The full state: four xoshiro words, a flag and the cached normal (as raw bits). Restoring it with
   * {@link #setState(long[])} continues the exact same sequence.
   */
  public long[] state() {
    return new long[] {
      s0, s1, s2, s3, hasSpare ? 1 : 0, Double.doubleToRawLongBits(spareNormal)
    };
  }

  /** Restores a state produced by {@link #state()}. */
  public void setState(long[] state) {
    if (state == null || (state.length != 4 && state.length != 6)) {
      throw new IllegalArgumentException(
          "Generator.setState: expected 6 longs from state(), got "
              + (state == null ? "null" : state.length));
    }
    if ((state[0] | state[1] | state[2] | state[3]) == 0) {
      throw new IllegalArgumentException("Generator.setState: the all-zero state is invalid");
    }
    s0 = state[0];
    s1 = state[1];
    s2 = state[2];
    s3 = state[3];
    hasSpare = state.length == 6 && state[4] != 0;
    spareNormal = state.length == 6 ? Double.longBitsToDouble(state[5]) : 0;
  }
}
