package dev.lernwerk.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * MNIST handwritten digits: 28×28 grayscale images of the digits 0–9, 60,000 for training and
 * 10,000 for testing, in the same four-file IDX layout as {@link FashionMnist}.
 *
 * <p>{@link #locate()} tries the system property {@value #PROPERTY}, the environment variable
 * {@value #ENV}, then {@code /usr/share/datasets/mnist}, {@code ~/.lernwerk/data/mnist} and {@code
 * ./data/mnist}. No package installs MNIST; download the files or pass a folder to {@link #load}.
 *
 * <pre>{@code
 * LabeledImages test = Mnist.load(Path.of("data/mnist"), false);   // (10000, 28, 28), (10000)
 * }</pre>
 */
public final class Mnist {
  /** System property naming the data folder. */
  public static final String PROPERTY = "lernwerk.mnist";

  /** Environment variable naming the data folder. */
  public static final String ENV = "MNIST_DIR";

  /** The class names "0" … "9". */
  public static final List<String> CLASS_NAMES =
      List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

  private Mnist() {}

  /**
   * The folder holding the four files.
   *
   * @throws java.io.FileNotFoundException listing the folders tried
   */
  public static Path locate() throws IOException {
    return IdxDatasets.locate("MNIST", PROPERTY, ENV, IdxDatasets.defaults("mnist"),
        "Download the four files of the MNIST database (e.g. from a mirror of"
            + " http://yann.lecun.com/exdb/mnist/). ");
  }

  /** The training (60,000) or test (10,000) images and labels from {@code dir}. */
  public static LabeledImages load(Path dir, boolean train) throws IOException {
    return IdxDatasets.load("MNIST", dir, train, CLASS_NAMES);
  }

  /** {@code load(locate(), train)}. */
  public static LabeledImages load(boolean train) throws IOException {
    return load(locate(), train);
  }
}
