/**
 * Test helpers shared by every lernwerk module: {@link dev.lernwerk.testkit.Assert} (closeness with a
 * labelled max-difference report, bit-identity) and {@link dev.lernwerk.testkit.GradTable} (one table
 * of ops drives {@link dev.lernwerk.autograd.GradCheck} over random shapes, broadcasting, size-1 dims
 * and transposed / sliced / expanded inputs, with the tolerances in one place).
 *
 * <p>Other modules use it as a test-scope dependency:
 *
 * <pre>{@code
 * <dependency>
 *   <groupId>dev.lernwerk</groupId>
 *   <artifactId>lernwerk-testkit</artifactId>
 *   <scope>test</scope>
 * </dependency>
 * }</pre>
 *
 * <p>These sources are the only copy. lernwerk-core's own tests compile them too (its pom adds this
 * directory as a test source root), because a test dependency of core on this module would be a
 * cycle: this module depends on core.
 */
package dev.lernwerk.testkit;
