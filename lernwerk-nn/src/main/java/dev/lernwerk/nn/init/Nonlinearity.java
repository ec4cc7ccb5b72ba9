package dev.lernwerk.nn.init;

import java.util.Locale;

/** Nonlinearities known to {@link Init#calculateGain}; names as in PyTorch. */
public enum Nonlinearity {
  /** Identity: gain 1. */
  LINEAR,
  /** Convolution layers without activation: gain 1. */
  CONV1D,
  /** Gain 1. */
  CONV2D,
  /** Gain 1. */
  CONV3D,
  /** Gain 1. */
  CONV_TRANSPOSE1D,
  /** Gain 1. */
  CONV_TRANSPOSE2D,
  /** Gain 1. */
  CONV_TRANSPOSE3D,
  /** Gain 1. */
  SIGMOID,
  /** Gain 5/3. */
  TANH,
  /** Gain √2. */
  RELU,
  /** Gain √(2 / (1 + slope²)), slope 0.01 by default. */
  LEAKY_RELU,
  /** Gain 3/4. */
  SELU;

  /** Parses PyTorch's names ({@code "relu"}, {@code "leaky_relu"}, {@code "conv2d"}, …). */
  public static Nonlinearity of(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("Nonlinearity: unknown name '" + name + "' (expected one"
          + " of linear, conv1d, conv2d, conv3d, conv_transpose1d, conv_transpose2d,"
          + " conv_transpose3d, sigmoid, tanh, relu, leaky_relu, selu)");
    }
  }
}
