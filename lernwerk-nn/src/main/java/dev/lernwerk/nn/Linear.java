package dev.lernwerk.nn;

import dev.lernwerk.nn.functional.F;
import dev.lernwerk.nn.init.FanMode;
import dev.lernwerk.nn.init.Init;
import dev.lernwerk.nn.init.Nonlinearity;
import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Shape;
import dev.lernwerk.tensor.Tensor;

/**
 * Fully connected layer {@code y = x·Wᵀ + b}: (*, in) → (*, out), with W of shape (out, in).
 *
 * <p>Initialized like PyTorch's {@code nn.Linear}: W by Kaiming uniform with a = √5, which is
 * U(-1/√in, 1/√in), and b from the same U(-1/√in, 1/√in). The forward is one fused matrix product
 * (see {@link F#linear}).
 *
 * <pre>{@code
 * var fc = new Linear(784, 64, true, new Generator(0));
 * Tensor h = fc.forward(x);   // (32, 784) -> (32, 64)
 * }</pre>
 */
public final class Linear extends Module {
  private final int in;
  private final int out;
  private final Tensor weight;
  private final Tensor bias;

  /** A layer with bias, initialized from the global generator (prefer the seeded constructor). */
  public Linear(int in, int out) {
    this(in, out, true, Generator.global());
  }

  /** A layer, optionally without bias, initialized from {@code gen}. */
  public Linear(int in, int out, boolean bias, Generator gen) {
    if (in <= 0 || out <= 0) {
      throw new IllegalArgumentException(
          "Linear: expected positive sizes, got in=" + in + ", out=" + out);
    }
    this.in = in;
    this.out = out;
    this.weight = param("weight", Tensor.zeros(out, in));
    Init.kaimingUniform(weight, Math.sqrt(5), FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, gen);
    if (bias) {
      double bound = 1 / Math.sqrt(in);
      this.bias = param("bias", Tensor.zeros(out));
      Init.uniform(this.bias, -bound, bound, gen);
    } else {
      this.bias = null;
    }
  }

  /** The weight (out, in). */
  public Tensor weight() {
    return weight;
  }

  /** The bias (out), or null for a layer without bias. */
  public Tensor bias() {
    return bias;
  }

  /** Input features. */
  public int inFeatures() {
    return in;
  }

  /** Output features. */
  public int outFeatures() {
    return out;
  }

  @Override
  public Tensor forward(Tensor x) {
    if (x.dim() == 0 || x.size(-1) != in) {
      throw new IllegalArgumentException(
          "Linear: expected input with last dim " + in + ", got shape " + Shape.str(x.shape()));
    }
    return F.linear(x, weight, bias);
  }

  @Override
  protected String extraRepr() {
    return "in=" + in + ", out=" + out + ", bias=" + (bias != null);
  }
}
