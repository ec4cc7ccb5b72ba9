package dev.lernwerk.train.diagnose;

/**
 * One sample among the highest losses: where it is, how badly it was scored, what it is and what
 * the model said.
 *
 * @param index position of the sample in the evaluated set
 * @param loss its loss
 * @param actual its true class
 * @param predicted the model's class (argmax)
 * @param probability the probability the model gave the true class
 */
public record TopLoss(int index, double loss, int actual, int predicted, double probability) {

  /** A readable line such as {@code #17 loss 4.21: actual cat, predicted dog (p(cat) = 0.015)}. */
  public String toText(String[] classNames) {
    String a = name(classNames, actual);
    return String.format(java.util.Locale.ROOT, "#%d loss %.4g: actual %s, predicted %s (p(%s) = %.3g)",
        index, loss, a, name(classNames, predicted), a, probability);
  }

  private static String name(String[] names, int c) {
    return names != null && c < names.length ? names[c] : Integer.toString(c);
  }
}
