/**
 * Stateless functions behind the layers, activations and losses ({@link
 * dev.lernwerk.nn.functional.F}), like {@code torch.nn.functional}. Fused ops (linear, cross-entropy,
 * binary cross-entropy, embedding, batch and layer normalization, GELU/SiLU/Mish/ELU/hardtanh) each
 * sit in one small package-private class with forward and backward side by side; their tests
 * compare them with the same functions composed from tensor primitives.
 */
package dev.lernwerk.nn.functional;
