package dev.lernwerk.examples;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Standard output for the example programs. */
final class Out {
  private Out() {}

  /**
   * {@code System.out}, or — when the JVM picked a non-Unicode encoding because the locale is unset
   * (a fresh container's shell) — a UTF-8 stream on the same descriptor, so arrows and ± print.
   */
  static PrintStream utf8() {
    if (System.out.charset().name().startsWith("UTF")) {
      return System.out;
    }
    return new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
  }
}
