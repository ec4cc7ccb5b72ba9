package dev.lernwerk.tensor;

import static dev.lernwerk.testkit.Assert.identical;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lernwerk.autograd.Grad;
import java.util.Arrays;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Seeded randomness: same seed same bits, resumable state, independent split streams. */
class RandomTest {

  private static void sameForSameSeed(String label, Function<Generator, Tensor> draw) {
    Tensor a = draw.apply(new Generator(42));
    Tensor b = draw.apply(new Generator(42));
    Tensor c = draw.apply(new Generator(43));
    identical(label + " same seed", a, b);
    assertFalse(Arrays.equals(a.toFloatArray(), c.toFloatArray()), label + " differs for seed 43");
  }

  @Test
  void sameSeedSameNumbers() {
    sameForSameSeed("randn", g -> Tensor.randn(g, 3, 50));
    sameForSameSeed("rand", g -> Tensor.rand(g, 100));
    sameForSameSeed("uniform", g -> Tensor.uniform(g, -2, 5, 10, 10));
    sameForSameSeed("normal", g -> Tensor.normal(g, 3, 0.5, 99));
    sameForSameSeed("randint", g -> Tensor.randint(g, -5, 1000, 64).toFloat());
    sameForSameSeed("bernoulli", g -> Tensor.bernoulli(g, 0.3, 200));
    sameForSameSeed("randperm", g -> Tensor.randperm(g, 50).toFloat());
    sameForSameSeed("normal_", g -> Tensor.zeros(20).normal_(g, 0, 1));
    sameForSameSeed("uniform_", g -> Tensor.zeros(20).uniform_(g, 0, 1));
  }

  @Test
  void fixedSeedGivesFixedStream() {
    // a regression anchor: seed 0 must always start with these bits (xoshiro256** via SplitMix64)
    Generator g = new Generator(0);
    long first = g.nextLong();
    Generator h = new Generator(0);
    assertEquals(first, h.nextLong());
    assertEquals(new Generator(0).nextFloat(), new Generator(0).nextFloat());
    float f = new Generator(0).nextFloat();
    assertEquals((first >>> 40) * 0x1.0p-24f, f);
  }

  @Test
  void rangesAndDistributions() {
    Generator g = new Generator(1);
    float[] u = Tensor.rand(g, 20_000).toFloatArray();
    double mean = 0;
    for (float x : u) {
      assertTrue(x >= 0 && x < 1);
      mean += x;
    }
    assertEquals(0.5, mean / u.length, 0.01);
    float[] w = Tensor.uniform(g, -3, -1, 1000).toFloatArray();
    for (float x : w) {
      assertTrue(x >= -3 && x < -1);
    }
    float[] n = Tensor.randn(g, 20_000).toFloatArray();
    double m = 0;
    double sq = 0;
    for (float x : n) {
      m += x;
      sq += x * x;
    }
    m /= n.length;
    assertEquals(0, m, 0.03);
    assertEquals(1, Math.sqrt(sq / n.length - m * m), 0.03);
    float[] nm = Tensor.normal(g, 10, 2, 20_000).toFloatArray();
    double mm = 0;
    for (float x : nm) {
      mm += x;
    }
    assertEquals(10, mm / nm.length, 0.06);
    int[] ri = Tensor.randint(g, 3, 7, 4000).toIntArray();
    int[] counts = new int[4];
    for (int x : ri) {
      assertTrue(x >= 3 && x < 7, "randint in [3, 7)");
      counts[x - 3]++;
    }
    for (int c : counts) {
      assertTrue(c > 850 && c < 1150, "roughly uniform: " + Arrays.toString(counts));
    }
    assertEquals(DType.INT32, Tensor.randint(g, 0, 2, 3).dtype());
    float[] b = Tensor.bernoulli(g, 0.25, 20_000).toFloatArray();
    double ones = 0;
    for (float x : b) {
      assertTrue(x == 0 || x == 1);
      ones += x;
    }
    assertEquals(0.25, ones / b.length, 0.015);
    assertFalse(Tensor.bernoulli(g, 0, 100).any());
    assertTrue(Tensor.bernoulli(g, 1, 100).all());
    int[] p = Tensor.randperm(g, 30).toIntArray();
    int[] sorted = p.clone();
    Arrays.sort(sorted);
    assertArrayEquals(Tensor.arangeInts(30).toIntArray(), sorted);
    assertEquals(0, Tensor.randperm(g, 0).numel());
  }

  @Test
  void stateResumesExactly() {
    Generator g = new Generator(7);
    Tensor.randn(g, 3); // odd count: a spare normal is cached in the state
    long[] state = g.state();
    Tensor a = Tensor.randn(g, 5);
    Tensor ai = Tensor.randint(g, 0, 100, 5);
    g.setState(state);
    identical("normals after setState", a, Tensor.randn(g, 5));
    assertArrayEquals(ai.toIntArray(), Tensor.randint(g, 0, 100, 5).toIntArray());
    Generator h = new Generator(123);
    h.setState(state);
    identical("another generator with the state", a, Tensor.randn(h, 5));
    Generator c = new Generator(7);
    Tensor.randn(c, 3);
    Generator copy = c.copy();
    identical("copy continues identically", Tensor.randn(c, 9), Tensor.randn(copy, 9));
  }

  @Test
  void splitStreamsAreDeterministicAndIndependent() {
    Generator g = new Generator(5);
    Generator s1 = g.split();
    Generator s2 = g.split();
    Tensor a = Tensor.rand(s1, 64);
    Tensor b = Tensor.rand(s2, 64);
    Tensor p = Tensor.rand(g, 64);
    assertFalse(Arrays.equals(a.toFloatArray(), b.toFloatArray()));
    assertFalse(Arrays.equals(a.toFloatArray(), p.toFloatArray()));
    assertFalse(Arrays.equals(b.toFloatArray(), p.toFloatArray()));
    Generator g2 = new Generator(5);
    identical("first split of seed 5", a, Tensor.rand(g2.split(), 64));
    // drawing from a split stream does not disturb the parent
    Generator x = new Generator(9);
    Generator y = new Generator(9);
    Tensor.rand(x.split(), 1000);
    y.split();
    identical("parent after split", Tensor.rand(x, 8), Tensor.rand(y, 8));
  }

  @Test
  void globalGeneratorReseeds() {
    Generator.manualSeed(11);
    Tensor a = Tensor.randn(4);
    Tensor ar = Tensor.rand(4);
    Generator.manualSeed(11);
    identical("randn after manualSeed", a, Tensor.randn(4));
    identical("rand after manualSeed", ar, Tensor.rand(4));
  }

  @Test
  void randomInPlaceFillsRespectGradMode() {
    Tensor w = Tensor.zeros(3).requiresGrad(true);
    assertThrows(IllegalStateException.class, () -> w.normal_(new Generator(1), 0, 1));
    try (var g = Grad.disabled()) {
      w.normal_(new Generator(1), 0, 1);
    }
    identical("normal_ equals normal", Tensor.normal(new Generator(1), 0, 1, 3), w.detach());
  }

  @Test
  void badArguments() {
    Generator g = new Generator(0);
    assertEquals("uniform: expected lo <= hi, got lo=2.0, hi=1.0",
        assertThrows(IllegalArgumentException.class, () -> Tensor.uniform(g, 2, 1, 3)).getMessage());
    assertEquals("normal: std must be >= 0, got -1.0",
        assertThrows(IllegalArgumentException.class, () -> Tensor.normal(g, 0, -1, 3)).getMessage());
    assertEquals("randint: expected lo < hi, got lo=3, hi=3",
        assertThrows(IllegalArgumentException.class, () -> Tensor.randint(g, 3, 3, 2)).getMessage());
    assertEquals("bernoulli: p must be in [0, 1], got 1.5",
        assertThrows(IllegalArgumentException.class, () -> Tensor.bernoulli(g, 1.5, 2)).getMessage());
    assertEquals("randperm: n must be >= 0, got -1",
        assertThrows(IllegalArgumentException.class, () -> Tensor.randperm(g, -1)).getMessage());
    assertEquals("nextInt: bound must be positive, got 0",
        assertThrows(IllegalArgumentException.class, () -> g.nextInt(0)).getMessage());
    assertEquals("Generator.setState: expected 6 longs from state(), got 3",
        assertThrows(IllegalArgumentException.class, () -> g.setState(new long[3])).getMessage());
    assertEquals("Generator.setState: the all-zero state is invalid",
        assertThrows(IllegalArgumentException.class, () -> g.setState(new long[6])).getMessage());
  }
}
