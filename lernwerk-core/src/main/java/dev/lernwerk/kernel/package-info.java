/**
 * CPU kernels: SGEMM, elementwise and reduction loops, and the shared thread pool.
 *
 * <p>Internal to lernwerk: these classes are public only so the ops and layers in other packages can
 * reach them; their signatures may change in any release. Only this package imports {@code
 * jdk.incubator.vector}; every vectorized kernel has a scalar twin that produces bit-identical results
 * and runs when the JVM was started without {@code --add-modules jdk.incubator.vector} (or with
 * {@code -Dlernwerk.simd=false}).
 */
package dev.lernwerk.kernel;
