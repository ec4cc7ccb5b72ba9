package dev.lernwerk.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.lernwerk.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class FingerprintTest {
  @Test
  void stableAndSensitive() {
    Tensor a = Tensor.arange(6).reshape(2, 3);
    String fa = Fingerprint.of(a);
    assertEquals(64, fa.length());
    assertEquals(fa, Fingerprint.of(Tensor.arange(6).reshape(2, 3)));
    // a non-contiguous view with the same values hashes the same
    Tensor t = Tensor.arange(6).reshape(3, 2).t(); // values 0 2 4 / 1 3 5
    assertEquals(Fingerprint.of(t), Fingerprint.of(t.contiguous()));
    assertNotEquals(fa, Fingerprint.of(Tensor.arange(6).reshape(3, 2)), "shape matters");
    assertNotEquals(fa, Fingerprint.of(Tensor.arange(6).reshape(2, 3).toInt()), "dtype matters");
    Tensor b = Tensor.arange(6).reshape(2, 3).clone();
    b.set(2.5f, 1, 1);
    assertNotEquals(fa, Fingerprint.of(b), "values matter");
    // big enough to cross the hashing buffer several times
    Tensor big = Tensor.arange(100_000);
    Tensor big2 = big.clone();
    big2.set(-1f, 99_999);
    assertNotEquals(Fingerprint.of(big), Fingerprint.of(big2));
  }

  @Test
  void datasetFingerprintDependsOnSamplesNotStorage() {
    var ds = new TensorDataset(Tensor.arange(8).reshape(4, 2), Tensor.ofInts(new int[] {0, 1, 0, 1}));
    String f = Fingerprint.of(ds);
    assertEquals(f, Fingerprint.of(Dataset.of(ds.toList())));
    assertEquals(f, Fingerprint.of(ds.subset(0, 1, 2, 3)));
    assertNotEquals(f, Fingerprint.of(ds.subset(1, 0, 2, 3)), "order matters");
    assertNotEquals(f, Fingerprint.of(ds.withWeights(Tensor.of(new float[] {1, 1, 1, 2}))));
    assertNotEquals(f, Fingerprint.of(new ConcatDataset<>(List.of(ds, ds))));
  }
}
