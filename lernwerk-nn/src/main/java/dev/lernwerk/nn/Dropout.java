package dev.lernwerk.nn;

import dev.lernwerk.nn.functional.F;
import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Tensor;

/**
 * Inverted dropout: in training, each element is zeroed with probability p and the survivors are
 * scaled by 1/(1-p); in evaluation it is the identity. The mask comes from the layer's own
 * generator, so the same seed gives the same masks.
 *
 * <pre>{@code
 * var drop = new Dropout(0.2, gen.split());
 * }</pre>
 */
public final class Dropout extends Module {
  private final double p;
  private final Generator gen;

  /** Dropout drawing its masks from the global generator (prefer the seeded constructor). */
  public Dropout(double p) {
    this(p, Generator.global());
  }

  /** Dropout with probability {@code p} in [0, 1), masks from {@code gen}. */
  public Dropout(double p, Generator gen) {
    if (!(p >= 0 && p < 1)) {
      throw new IllegalArgumentException("Dropout: p must be in [0, 1), got " + p);
    }
    if (gen == null) {
      throw new IllegalArgumentException("Dropout: generator must not be null");
    }
    this.p = p;
    this.gen = generator("rng", gen);
  }

  /** The drop probability. */
  public double p() {
    return p;
  }

  @Override
  public Tensor forward(Tensor x) {
    return F.dropout(x, p, isTraining(), gen);
  }

  @Override
  protected String extraRepr() {
    return "p=" + p;
  }
}
