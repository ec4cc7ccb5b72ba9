package dev.lernwerk.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lernwerk.data.idx.IdxType;
import dev.lernwerk.data.idx.IdxWriter;
import dev.lernwerk.tensor.DType;
import dev.lernwerk.tensor.Tensor;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {
  static final Path INSTALLED = Path.of("/usr/share/datasets/fashion-mnist");

  @TempDir Path dir;

  /** Reads the installed files once: train and test, images and labels. */
  @Test
  void readsTheInstalledFiles() throws IOException {
    Assumptions.assumeTrue(Files.isRegularFile(INSTALLED.resolve("train-images-idx3-ubyte.gz")),
        "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)");
    LabeledImages train = FashionMnist.load(INSTALLED, true);
    assertArrayEquals(new int[] {60000, 28, 28}, train.images().shape());
    assertEquals(DType.FLOAT32, train.images().dtype());
    assertEquals(DType.INT32, train.labels().dtype());
    assertEquals(0f, train.images().min().item());
    assertEquals(255f, train.images().max().item());
    assertArrayEquals(new int[] {6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000},
        train.labels().bincount(10).toIntArray());
    // the first training image is an ankle boot (label 9), as in every Fashion-MNIST loader
    assertEquals(9, train.labels().getInt(0));
    LabeledImages test = FashionMnist.load(INSTALLED, false);
    assertArrayEquals(new int[] {10000, 28, 28}, test.images().shape());
    assertArrayEquals(new int[] {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000},
        test.labels().bincount(10).toIntArray());
    assertEquals("Ankle boot", train.classNames().get(9));

    // EX-01: explore, one-hot, scale to [-1, 1] with training statistics
    var summary = dev.lernwerk.data.explore.Explore.summary(train.images());
    assertEquals(72.94, summary.mean(), 0.01); // 0.2860 * 255, the published pixel mean
    assertEquals(90.02, summary.std(), 0.01); // 0.3530 * 255
    assertTrue(summary.toString().startsWith("shape=[60000, 28, 28] dtype=float32 min=0 max=255"));
    var dist = dev.lernwerk.data.explore.Explore.classDistribution(train.labels(),
        FashionMnist.CLASS_NAMES);
    assertEquals(1.0, dist.imbalanceRatio());
    assertTrue(dist.table().contains("    9  Ankle boot    6000   10.0%"), dist.table());
    Tensor oneHot = dev.lernwerk.data.transform.Labels.oneHot(train.labels(), 10);
    assertArrayEquals(new int[] {60000, 10}, oneHot.shape());
    assertEquals(1f, oneHot.get(0, 9));
    var scaler = dev.lernwerk.data.transform.MinMaxScaler.fitGlobal(train.images(), -1, 1);
    Tensor scaled = scaler.transform(test.images());
    assertEquals(-1f, scaled.min().item());
    assertEquals(1f, scaled.max().item());
    var split = Splits.stratified(train.dataset(), new double[] {0.8, 0.2},
        new dev.lernwerk.tensor.Generator(0));
    assertEquals(48000, split.get(0).size());
    assertEquals(1200, dev.lernwerk.data.explore.Explore.classDistribution(
        Dataset.labels(split.get(1)), FashionMnist.CLASS_NAMES).count(3));
  }

  private void writeFake(Path folder, boolean gz) throws IOException {
    Files.createDirectories(folder);
    String ext = gz ? ".gz" : "";
    for (String prefix : new String[] {"train", "t10k"}) {
      int n = prefix.equals("train") ? 6 : 3;
      int[] px = new int[n * 28 * 28];
      for (int i = 0; i < px.length; i++) {
        px[i] = i % 256;
      }
      int[] lb = new int[n];
      for (int i = 0; i < n; i++) {
        lb[i] = (i * 7) % 10;
      }
      IdxWriter.write(folder.resolve(prefix + "-images-idx3-ubyte" + ext),
          Tensor.wrapInts(px, n, 28, 28), IdxType.UBYTE);
      IdxWriter.write(folder.resolve(prefix + "-labels-idx1-ubyte" + ext),
          Tensor.wrapInts(lb, n), IdxType.UBYTE);
    }
  }

  @Test
  void locateHonoursThePropertyAndExplainsWhatIsMissing() throws IOException {
    Path good = dir.resolve("fm");
    writeFake(good, false);
    String old = System.getProperty(FashionMnist.PROPERTY);
    try {
      System.setProperty(FashionMnist.PROPERTY, good.toString());
      assertEquals(good, FashionMnist.locate());
      LabeledImages t = FashionMnist.load(false);
      assertArrayEquals(new int[] {3, 28, 28}, t.images().shape());
      assertArrayEquals(new int[] {0, 7, 4}, t.labels().toIntArray());
      assertEquals(3, t.dataset().size());
      Files.delete(good.resolve("t10k-labels-idx1-ubyte"));
      var e = assertThrows(FileNotFoundException.class, FashionMnist::locate);
      assertEquals("Fashion-MNIST: -Dlernwerk.fashionMnist points at " + good
          + ", but t10k-labels-idx1-ubyte[.gz] is missing there", e.getMessage());
    } finally {
      if (old == null) {
        System.clearProperty(FashionMnist.PROPERTY);
      } else {
        System.setProperty(FashionMnist.PROPERTY, old);
      }
    }
  }

  @Test
  void mnistWithAGivenFolderAndGzipFiles() throws IOException {
    Path folder = dir.resolve("mnist");
    writeFake(folder, true);
    LabeledImages train = Mnist.load(folder, true);
    assertEquals(6, train.size());
    assertEquals(255f, train.images().max().item());
    assertEquals("7", train.classNames().get(7));
  }

  @Test
  void notFoundMessageSaysHowToInstall() {
    Assumptions.assumeTrue(System.getenv(Mnist.ENV) == null);
    Assumptions.assumeTrue(!Files.isDirectory(Path.of("/usr/share/datasets/mnist")));
    Assumptions.assumeTrue(!Files.isDirectory(Path.of("data/mnist")));
    Assumptions.assumeTrue(!Files.isDirectory(
        Path.of(System.getProperty("user.home"), ".lernwerk", "data", "mnist")));
    var e = assertThrows(FileNotFoundException.class, Mnist::locate);
    assertTrue(e.getMessage().startsWith("MNIST not found; looked in -Dlernwerk.mnist (not set),"
        + " $MNIST_DIR (not set), /usr/share/datasets/mnist, "), e.getMessage());
    assertTrue(e.getMessage().contains("train-images-idx3-ubyte, train-labels-idx1-ubyte,"
        + " t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte"), e.getMessage());
  }

  @Test
  void badLabelIsReportedWithItsByte() throws IOException {
    Path folder = dir.resolve("bad");
    writeFake(folder, false);
    IdxWriter.write(folder.resolve("t10k-labels-idx1-ubyte"), Tensor.ofInts(new int[] {1, 12, 3}),
        IdxType.UBYTE);
    var e = assertThrows(IOException.class, () -> FashionMnist.load(folder, false));
    assertEquals("Fashion-MNIST: " + folder.resolve("t10k-labels-idx1-ubyte")
        + ": label 12 of sample 1 (byte 9) is not a class 0..9", e.getMessage());
  }
}
