package dev.lernwerk.data;

import dev.lernwerk.tensor.Tensor;
import java.util.List;
import java.util.Objects;

/**
 * Images with class labels, as read from MNIST-style files.
 *
 * @param images (N, H, W) float32, raw pixel values (0..255 for MNIST)
 * @param labels (N) int32 class labels
 * @param classNames the name of each class, index = label
 */
public record LabeledImages(Tensor images, Tensor labels, List<String> classNames) {
  /** Validates that images and labels have the same number of rows. */
  public LabeledImages {
    Objects.requireNonNull(images, "LabeledImages: images is null");
    Objects.requireNonNull(labels, "LabeledImages: labels is null");
    classNames = List.copyOf(classNames);
    if (images.dim() == 0 || labels.dim() != 1 || images.size(0) != labels.size(0)) {
      throw new IllegalArgumentException(
          "LabeledImages: " + java.util.Arrays.toString(images.shape()) + " images do not match "
              + java.util.Arrays.toString(labels.shape()) + " labels (expected (N, ...) and (N))");
    }
  }

  /** Number of images. */
  public int size() {
    return labels.size(0);
  }

  /** The images and labels as a data set (inputs (H, W), targets int32 scalars). */
  public TensorDataset dataset() {
    return new TensorDataset(images, labels);
  }
}
