package dev.lernwerk.examples;

import dev.lernwerk.data.FashionMnist;
import dev.lernwerk.data.TensorDataset;
import dev.lernwerk.examples.FashionMnistClassifier.Data;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The real Fashion-MNIST, loaded once per test JVM; tests are skipped where it is not installed. */
final class RealData {
  private static Data data;

  private RealData() {}

  /** The folder with the four files, or a skipped test. */
  static Path dir() {
    try {
      return FashionMnist.locate();
    } catch (IOException e) {
      Assumptions.abort("Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist): " + e.getMessage());
      throw new AssertionError(e);
    }
  }

  /** {@link FashionMnistClassifier#load} with seed 42. */
  static synchronized Data full() {
    if (data == null) {
      Path dir = dir();
      try {
        data = FashionMnistClassifier.load(dir, 42, null);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return data;
  }

  /** The first {@code train}, {@code valid} and {@code test} samples of each split. */
  static Data subset(int train, int valid, int test) {
    Data d = full();
    return new Data(head(d.train(), train), head(d.valid(), valid), head(d.test(), test), d.classNames());
  }

  private static TensorDataset head(TensorDataset ds, int n) {
    return new TensorDataset(ds.inputs().narrow(0, 0, n), ds.targets().narrow(0, 0, n));
  }
}
