package dev.lernwerk.nn.init;

/** Which fan the Kaiming initializers preserve the variance of. */
public enum FanMode {
  /** Inputs per unit: preserves the variance of activations in the forward pass (the default). */
  FAN_IN,
  /** Outputs per unit: preserves the variance of gradients in the backward pass. */
  FAN_OUT
}
