package dev.lernwerk.data;

import dev.lernwerk.data.idx.IdxReader;
import dev.lernwerk.tensor.Tensor;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finding and loading MNIST-style data sets: four IDX files in one folder. */
final class IdxDatasets {
  static final String[] FILES = {
    "train-images-idx3-ubyte", "train-labels-idx1-ubyte",
    "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"
  };

  private IdxDatasets() {}

  /** The file for a base name: {@code base.gz}, {@code base}, or {@code base} with ".idx" spelling. */
  static Path file(Path dir, String base) {
    String dotted = base.replace("-idx", ".idx");
    for (String name : new String[] {base + ".gz", base, dotted + ".gz", dotted}) {
      Path p = dir.resolve(name);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    return null;
  }

  static List<String> missing(Path dir) {
    List<String> out = new ArrayList<>();
    for (String f : FILES) {
      if (file(dir, f) == null) {
        out.add(f + "[.gz]");
      }
    }
    return out;
  }

  /**
   * The first folder holding all four files: the system property, the environment variable, then
   * the default folders. A property or variable that is set must point at a complete folder.
   */
  static Path locate(String title, String property, String env, List<Path> defaults, String hint)
      throws IOException {
    List<String> looked = new ArrayList<>();
    String[][] explicit = {
      {"-D" + property, System.getProperty(property)}, {"$" + env, System.getenv(env)}
    };
    for (String[] e : explicit) {
      if (e[1] == null || e[1].isBlank()) {
        looked.add(e[0] + " (not set)");
        continue;
      }
      Path dir = Path.of(e[1]);
      List<String> miss = missing(dir);
      if (!miss.isEmpty()) {
        throw new FileNotFoundException(
            title + ": " + e[0] + " points at " + dir + ", but " + String.join(", ", miss)
                + (miss.size() == 1 ? " is" : " are") + " missing there");
      }
      return dir;
    }
    for (Path dir : defaults) {
      if (missing(dir).isEmpty()) {
        return dir;
      }
      looked.add(dir.toString());
    }
    throw new FileNotFoundException(
        title + " not found; looked in " + String.join(", ", looked) + ". " + hint
            + "Put the files " + String.join(", ", FILES) + " (each optionally .gz) in one of these"
            + " folders, or point -D" + property + " or $" + env + " at the folder holding them.");
  }

  static LabeledImages load(String title, Path dir, boolean train, List<String> classNames)
      throws IOException {
    String prefix = train ? "train" : "t10k";
    Path imagesFile = file(dir, prefix + "-images-idx3-ubyte");
    Path labelsFile = file(dir, prefix + "-labels-idx1-ubyte");
    if (imagesFile == null || labelsFile == null) {
      throw new FileNotFoundException(
          title + ": " + dir + " lacks " + (imagesFile == null ? prefix + "-images-idx3-ubyte[.gz]"
              : prefix + "-labels-idx1-ubyte[.gz]"));
    }
    Tensor images = IdxReader.readImages(imagesFile);
    Tensor labels = IdxReader.readLabels(labelsFile);
    if (images.dim() != 3 || images.size(0) != labels.size(0)) {
      throw new IOException(
          title + ": " + imagesFile + " holds " + java.util.Arrays.toString(images.shape())
              + " images but " + labelsFile + " holds " + labels.size(0)
              + " labels (expected (N, H, W) and (N))");
    }
    int[] lv = labels.toIntArray();
    for (int i = 0; i < lv.length; i++) {
      if (lv[i] < 0 || lv[i] >= classNames.size()) {
        throw new IOException(
            title + ": " + labelsFile + ": label " + lv[i] + " of sample " + i + " (byte "
                + (8 + i) + ") is not a class 0.." + (classNames.size() - 1));
      }
    }
    return new LabeledImages(images, labels, classNames);
  }

  static List<Path> defaults(String folder) {
    return List.of(
        Path.of("/usr/share/datasets", folder),
        Path.of(System.getProperty("user.home"), ".lernwerk", "data", folder),
        Path.of("data", folder));
  }
}
