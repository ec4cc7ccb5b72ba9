/**
 * Neural-network building blocks: {@link dev.lernwerk.nn.Module} (named parameters, buffers and
 * children; train/eval; state dicts saved as safetensors; summary), the layers ({@link
 * dev.lernwerk.nn.Linear}, {@link dev.lernwerk.nn.Sequential}, {@link dev.lernwerk.nn.Dropout},
 * {@link dev.lernwerk.nn.BatchNorm1d}, {@link dev.lernwerk.nn.LayerNorm}, {@link
 * dev.lernwerk.nn.Embedding}, {@link dev.lernwerk.nn.Residual}, {@link dev.lernwerk.nn.Flatten},
 * {@link dev.lernwerk.nn.Reshape}, {@link dev.lernwerk.nn.Identity}) and the activations as modules
 * ({@link dev.lernwerk.nn.ReLU}, {@link dev.lernwerk.nn.GELU}, …).
 *
 * <pre>{@code
 * var gen = new Generator(42);
 * var model = new Sequential(
 *     new Flatten(),
 *     new Linear(784, 64, true, gen), new ReLU(),
 *     new Linear(64, 64, true, gen), new ReLU(),
 *     new Linear(64, 10, true, gen));
 * var lossFn = new CrossEntropyLoss();
 * Tensor loss = lossFn.apply(model.forward(images), labels);   // (N, 1, 28, 28), (N) int32
 * model.zeroGrad();
 * loss.backward();
 * model.save(Path.of("mlp.safetensors"));                      // loadable by PyTorch
 * }</pre>
 *
 * Sub-packages: {@link dev.lernwerk.nn.functional} (the stateless functions and fused ops), {@link
 * dev.lernwerk.nn.init} (initializers), {@link dev.lernwerk.nn.loss} (loss functions and
 * penalties).
 */
package dev.lernwerk.nn;
