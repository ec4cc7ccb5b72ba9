/**
 * Data sets and batching: {@link dev.lernwerk.data.Dataset} (size + get, lazy {@code map}), {@link
 * dev.lernwerk.data.TensorDataset}, {@link dev.lernwerk.data.Subset}, {@link
 * dev.lernwerk.data.ConcatDataset}; the prefetching, resumable {@link dev.lernwerk.data.DataLoader}
 * with {@link dev.lernwerk.data.Sampler}s (class-balanced: {@link
 * dev.lernwerk.data.WeightedRandomSampler}); random, stratified and k-fold {@link
 * dev.lernwerk.data.Splits}; {@link dev.lernwerk.data.FashionMnist} and {@link
 * dev.lernwerk.data.Mnist}; {@link dev.lernwerk.data.Fingerprint}s for provenance.
 *
 * <pre>{@code
 * LabeledImages fm = FashionMnist.load(FashionMnist.locate(), true);       // (60000, 28, 28), (60000)
 * var parts = Splits.random(fm.dataset(), new double[] {0.8, 0.2}, new Generator(42));
 * var train = DataLoader.builder(parts.get(0)).batchSize(256).shuffle(true).seed(42).build();
 * for (Batch b : train) {
 *   // b.inputs(): (256, 28, 28) float32, b.targets(): (256) int32
 * }
 * }</pre>
 */
package dev.lernwerk.data;
