/**
 * Weight initializers ({@link dev.lernwerk.nn.init.Init}): constant, uniform, normal, Xavier/Glorot,
 * Kaiming/He and orthogonal, with PyTorch's gains and fan computation, every draw from an explicit
 * {@link dev.lernwerk.tensor.Generator}.
 */
package dev.lernwerk.nn.init;
