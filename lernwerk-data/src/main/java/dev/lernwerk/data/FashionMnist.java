package dev.lernwerk.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (DA-10): 70,000 grayscale 28×28 images of clothing in 10 classes, 60,000 for
 * training and 10,000 for testing, 6,000 and 1,000 per class.
 *
 * <p>{@link #locate()} looks for the four IDX files (each optionally gzipped) in the folder named by
 * the system property {@value #PROPERTY}, the environment variable {@value #ENV}, then {@code
 * /usr/share/datasets/fashion-mnist} (Debian/Ubuntu: {@code apt-get install dataset-fashion-mnist}),
 * {@code ~/.lernwerk/data/fashion-mnist} and {@code ./data/fashion-mnist}.
 *
 * <pre>{@code
 * LabeledImages train = FashionMnist.load(FashionMnist.locate(), true);
 * train.images();   // (60000, 28, 28) float32, values 0..255
 * train.labels();   // (60000) int32, 0..9
 * FashionMnist.CLASS_NAMES.get(9);   // "Ankle boot"
 * }</pre>
 */
public final class FashionMnist {
  /** System property naming the data folder. */
  public static final String PROPERTY = "lernwerk.fashionMnist";

  /** Environment variable naming the data folder. */
  public static final String ENV = "FASHION_MNIST_DIR";

  /** The class names, index = label. */
  public static final List<String> CLASS_NAMES = List.of(
      "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
      "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

  private FashionMnist() {}

  /**
   * The folder holding the four files.
   *
   * @throws java.io.FileNotFoundException listing the folders tried and how to install the data
   */
  public static Path locate() throws IOException {
    return IdxDatasets.locate("Fashion-MNIST", PROPERTY, ENV,
        IdxDatasets.defaults("fashion-mnist"),
        "Install it with `apt-get install dataset-fashion-mnist` (Debian/Ubuntu), or download the"
            + " files from https://github.com/zalandoresearch/fashion-mnist. ");
  }

  /** The training (60,000) or test (10,000) images and labels from {@code dir}. */
  public static LabeledImages load(Path dir, boolean train) throws IOException {
    return IdxDatasets.load("Fashion-MNIST", dir, train, CLASS_NAMES);
  }

  /** {@code load(locate(), train)}. */
  public static LabeledImages load(boolean train) throws IOException {
    return load(locate(), train);
  }
}
