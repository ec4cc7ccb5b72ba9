package dev.lernwerk.train.tune;

import dev.lernwerk.tensor.Generator;
import java.util.List;

/**
 * Where random search draws one hyperparameter from. Learning rates and weight decays are best drawn
 * log-uniformly (every decade equally likely); counts uniformly among integers; categories by choice.
 *
 * <pre>{@code
 * Distribution.logUniform(1e-4, 1e-1)   // lr
 * Distribution.intUniform(1, 4)         // number of layers, 1..4 inclusive
 * Distribution.choice("relu", "gelu")   // activation
 * }</pre>
 */
public sealed interface Distribution {

  /** One draw, using {@code gen} only. */
  Object sample(Generator gen);

  /** Uniform on {@code [low, high)}: {@code low + u (high - low)}. */
  static Distribution uniform(double low, double high) {
    return new Uniform(low, high);
  }

  /** Log-uniform on {@code [low, high)}: {@code exp(ln low + u (ln high - ln low))}, {@code low > 0}. */
  static Distribution logUniform(double low, double high) {
    return new LogUniform(low, high);
  }

  /** A uniformly drawn integer in {@code [low, high]} (both inclusive). */
  static Distribution intUniform(int low, int high) {
    return new IntUniform(low, high);
  }

  /** One of the given values, each equally likely. */
  static Distribution choice(Object... values) {
    return new Choice(List.of(values));
  }

  /** One of the given values, each equally likely. */
  static Distribution choice(List<?> values) {
    return new Choice(values);
  }

  /** Uniform real numbers in {@code [low, high)}; draws are {@code Double}. */
  record Uniform(double low, double high) implements Distribution {
    /** Validates the bounds ({@code low < high}, both finite). */
    public Uniform {
      if (!Double.isFinite(low) || !Double.isFinite(high) || !(high > low)) {
        throw new IllegalArgumentException(
            "Distribution.uniform: expected finite low < high, got low=" + low + ", high=" + high);
      }
    }

    @Override
    public Object sample(Generator gen) {
      return low + gen.nextDouble() * (high - low);
    }
  }

  /** Log-uniform real numbers in {@code [low, high)}; draws are {@code Double}. */
  record LogUniform(double low, double high) implements Distribution {
    /** Validates the bounds ({@code 0 < low < high}, high finite). */
    public LogUniform {
      if (!(low > 0) || !Double.isFinite(high) || !(high > low)) {
        throw new IllegalArgumentException(
            "Distribution.logUniform: expected 0 < low < high, got low=" + low + ", high=" + high);
      }
    }

    @Override
    public Object sample(Generator gen) {
      double a = Math.log(low);
      return Math.exp(a + gen.nextDouble() * (Math.log(high) - a));
    }
  }

  /** Uniform integers in {@code [low, high]}; draws are {@code Integer}. */
  record IntUniform(int low, int high) implements Distribution {
    /** Validates the bounds ({@code low <= high}). */
    public IntUniform {
      if (high < low || (long) high - low + 1 > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "Distribution.intUniform: expected low <= high (a range below 2^31), got low=" + low
                + ", high=" + high);
      }
    }

    @Override
    public Object sample(Generator gen) {
      return low + gen.nextInt(high - low + 1);
    }
  }

  /** One of a fixed list of values. */
  record Choice(List<?> values) implements Distribution {
    /** Validates the bounds (at least one value). */
    public Choice {
      if (values == null || values.isEmpty()) {
        throw new IllegalArgumentException("Distribution.choice: expected at least one value, got none");
      }
      values = List.copyOf(values);
    }

    @Override
    public Object sample(Generator gen) {
      return values.get(gen.nextInt(values.size()));
    }
  }
}
