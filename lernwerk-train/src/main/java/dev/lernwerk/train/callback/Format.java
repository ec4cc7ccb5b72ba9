package dev.lernwerk.train.callback;

import java.util.Locale;

/** Number formatting shared by the text callbacks. */
final class Format {
  private Format() {}

  static String value(String key, double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    if (key.equals("epoch")) {
      return Long.toString(Math.round(v));
    }
    if (key.equals("lr")) {
      return String.format(Locale.ROOT, "%.3g", v);
    }
    if (key.endsWith("samples_per_s")) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    if (key.endsWith("time_s")) {
      return String.format(Locale.ROOT, "%.2f", v);
    }
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
