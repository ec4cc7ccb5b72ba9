package dev.lernwerk.kernel;

/**
 * Decides once, at class initialisation, whether the Vector API kernels run.
 *
 * <p>They run when the module {@code jdk.incubator.vector} is in the boot layer (the JVM was started
 * with {@code --add-modules jdk.incubator.vector}) and the system property {@code lernwerk.simd} is not
 * {@code false}. Otherwise the scalar kernels run; both give identical results.
 */
public final class Simd {
  /** True when the vectorized kernels are in use. */
  public static final boolean ENABLED = detect();

  private Simd() {}

  private static boolean detect() {
    if ("false".equalsIgnoreCase(System.getProperty("lernwerk.simd", "true"))) {
      return false;
    }
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  }

  /** "vector" or "scalar", for logs and benchmark reports. */
  public static String path() {
    return ENABLED ? "vector" : "scalar";
  }
}
