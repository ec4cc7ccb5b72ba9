package dev.lernwerk.train.diagnose;

import java.util.List;

/**
 * The shape of a training-loss curve, with what usually causes it (the course's table). See
 * {@link LossCurve#diagnose(double[])} for the rules that pick one.
 */
public enum Verdict {
  /** The loss ends clearly above where it started, or turns upward after a minimum. */
  RISING("the loss goes up instead of down",
      List.of("learning rate too high", "sign of the loss or of the update flipped (ascending instead of descending)")),
  /** NaN/Inf values, or growth by an order of magnitude or more. */
  EXPLODING("the loss blows up (NaN/Inf or growth by orders of magnitude)",
      List.of("learning rate too high", "numerical problem (log of 0, division by 0, overflow in exp)")),
  /** Large jumps up and down that dominate any downward trend. */
  OSCILLATING("the loss jumps up and down without a clear downward trend",
      List.of("learning rate too high", "data and labels misaligned (shuffled separately or wrong order)")),
  /** Flat: little change from the start, or stalled well above zero. */
  PLATEAU("the loss hardly changes",
      List.of("learning rate too low", "error in backpropagation (gradients missing, zero or not applied)",
          "wrong input to the loss (e.g. probabilities where logits are expected, wrong target)")),
  /** Falling to (near) zero: the model can learn this data. */
  FALLING_TO_ZERO("the loss falls to near zero",
      List.of("the model can learn this data (if this is the training loss, check validation for overfitting)")),
  /** Falling, still clearly above zero and still moving. */
  DECREASING("the loss is falling but not yet near zero",
      List.of("the model is learning: train longer, or raise the learning rate if progress is slow"));

  private final String meaning;
  private final List<String> causes;

  Verdict(String meaning, List<String> causes) {
    this.meaning = meaning;
    this.causes = causes;
  }

  /** One sentence on what the curve looks like. */
  public String meaning() {
    return meaning;
  }

  /** The usual causes, most likely first. */
  public List<String> causes() {
    return causes;
  }
}
