package dev.lernwerk.nn.functional;

import dev.lernwerk.tensor.DType;
import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Shape;
import dev.lernwerk.tensor.Storage;
import dev.lernwerk.tensor.Tensor;
import dev.lernwerk.nn.loss.Reduction;

/**
 * Stateless functions behind the layers, activations and losses, like PyTorch's {@code
 * torch.nn.functional}. Every function is differentiable in its float inputs.
 *
 * <pre>{@code
 * Tensor h = F.relu(F.linear(x, w1, b1));                 // (N, 784) -> (N, 64)
 * Tensor logits = F.linear(F.dropout(h, 0.2, true, gen), w2, b2);
 * Tensor loss = F.crossEntropy(logits, labels);           // labels: (N) int32
 * }</pre>
 *
 * Most activations are composed from tensor primitives (their gradients follow by the chain
 * rule). {@link #gelu}, {@link #silu}, {@link #mish}, {@link #elu}, {@link #selu}, {@link #hardtanh},
 * {@link #relu6}, {@link #linear},
 * {@link #crossEntropy}, {@link #binaryCrossEntropy} and {@link #embedding} are fused ops with their
 * own backward (faster or more stable), tested against the composed forms.
 */
public final class F {
  private F() {}

  // ================================================================== activations

  /** max(x, 0). */
  public static Tensor relu(Tensor x) {
    return x.relu();
  }

  /** x for x &gt; 0, slope·x otherwise (PyTorch default slope 0.01). */
  public static Tensor leakyRelu(Tensor x, double slope) {
    return x.leakyRelu((float) slope);
  }

  /**
   * PReLU: x for x &gt; 0, a·x otherwise, with a learnable {@code weight} a of shape (1) or (C),
   * one slope per channel (dim 1 of the input, dim 0 of a 1-d input).
   */
  public static Tensor prelu(Tensor x, Tensor weight) {
    int n = weight.numel();
    Tensor a = weight;
    if (n != 1) {
      int cdim = x.dim() >= 2 ? 1 : 0;
      if (weight.dim() != 1 || x.dim() == 0 || x.size(cdim) != n) {
        throw new IllegalArgumentException("prelu: " + n + " slopes need an input with " + n
            + " channels in dim " + cdim + ", got shape " + Shape.str(x.shape()));
      }
      int[] s = new int[x.dim() - cdim];
      java.util.Arrays.fill(s, 1);
      s[0] = n;
      a = weight.reshape(s);
    } else {
      a = weight.reshape();
    }
    return x.relu().add(x.clampMax(0f).mul(a));
  }

  /**
   * Randomized leaky ReLU: in training each negative element gets a slope drawn from U(lower,
   * upper); in evaluation the slope is (lower + upper) / 2.
   */
  public static Tensor rrelu(Tensor x, double lower, double upper, boolean training,
      Generator gen) {
    if (!(lower <= upper)) {
      throw new IllegalArgumentException(
          "rrelu: expected lower <= upper, got lower=" + lower + ", upper=" + upper);
    }
    if (!training) {
      return x.leakyRelu((float) ((lower + upper) / 2));
    }
    Tensor slope = Tensor.uniform(gen, lower, upper, x.shape());
    return Tensor.where(x.ge(0f), x, x.mul(slope));
  }

  /** ELU: x for x &gt; 0, α·(e^x - 1) otherwise. */
  public static Tensor elu(Tensor x, double alpha) {
    return ActivationOp.apply(x, ActivationOp.Kind.ELU, alpha, 1);
  }

  /** SELU scale. */
  public static final double SELU_SCALE = 1.0507009873554804934193349852946;

  /** SELU alpha. */
  public static final double SELU_ALPHA = 1.6732632423543772848170429916717;

  /** SELU: scale·ELU(x, α) with the self-normalizing constants. */
  public static Tensor selu(Tensor x) {
    return ActivationOp.apply(x, ActivationOp.Kind.ELU, SELU_ALPHA, SELU_SCALE);
  }

  /** Exact GELU: x·Φ(x) = 0.5·x·(1 + erf(x/√2)). */
  public static Tensor gelu(Tensor x) {
    return gelu(x, false);
  }

  /**
   * GELU, exact or with the tanh approximation {@code 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))}.
   */
  public static Tensor gelu(Tensor x, boolean tanhApprox) {
    return ActivationOp.apply(x, tanhApprox ? ActivationOp.Kind.GELU_TANH : ActivationOp.Kind.GELU,
        0, 1);
  }

  /** SiLU (Swish): x·σ(x). */
  public static Tensor silu(Tensor x) {
    return ActivationOp.apply(x, ActivationOp.Kind.SILU, 0, 1);
  }

  /** Mish: x·tanh(softplus(x)). */
  public static Tensor mish(Tensor x) {
    return ActivationOp.apply(x, ActivationOp.Kind.MISH, 0, 1);
  }

  /** min(max(x, 0), 6). */
  public static Tensor relu6(Tensor x) {
    return hardtanh(x, 0, 6);
  }

  /** clamp(x, min, max); the gradient is 1 strictly inside (min, max), 0 elsewhere (as PyTorch). */
  public static Tensor hardtanh(Tensor x, double min, double max) {
    if (!(min < max)) {
      throw new IllegalArgumentException(
          "hardtanh: expected min < max, got min=" + min + ", max=" + max);
    }
    return ActivationOp.apply(x, ActivationOp.Kind.HARDTANH, min, max);
  }

  /** σ(x) = 1 / (1 + e^-x). */
  public static Tensor sigmoid(Tensor x) {
    return x.sigmoid();
  }

  /** σ(x)·(hi - lo) + lo: squashes into (lo, hi), e.g. ratings into (0, 5.5). */
  public static Tensor sigmoidRange(Tensor x, double lo, double hi) {
    if (!(lo < hi)) {
      throw new IllegalArgumentException("sigmoidRange: expected lo < hi, got lo=" + lo + ", hi=" + hi);
    }
    return x.sigmoid().mul((float) (hi - lo)).add((float) lo);
  }

  /** tanh x. */
  public static Tensor tanh(Tensor x) {
    return x.tanh();
  }

  /** log(1 + e^x). */
  public static Tensor softplus(Tensor x) {
    return softplus(x, 1, 20);
  }

  /** (1/β)·log(1 + e^(β·x)), reverting to x where β·x &gt; threshold (PyTorch: β=1, 20). */
  public static Tensor softplus(Tensor x, double beta, double threshold) {
    if (!(beta > 0)) {
      throw new IllegalArgumentException("softplus: beta must be > 0, got " + beta);
    }
    Tensor bx = beta == 1 ? x : x.mul((float) beta);
    Tensor sp = beta == 1 ? bx.softplus() : bx.softplus().mul((float) (1 / beta));
    return Tensor.where(bx.gt((float) threshold), x, sp);
  }

  /** softmax along dim. */
  public static Tensor softmax(Tensor x, int dim) {
    return x.softmax(dim);
  }

  /** log-softmax along dim (stable). */
  public static Tensor logSoftmax(Tensor x, int dim) {
    return x.logSoftmax(dim);
  }

  // ================================================================== layers

  /**
   * Affine map {@code y = x·Wᵀ + b}, fused into one matrix product.
   *
   * @param x (*, in)
   * @param weight (out, in)
   * @param bias (out) or null
   * @return (*, out)
   */
  public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
    if (weight.dim() != 2) {
      throw new IllegalArgumentException(
          "linear: weight must be (out, in), got shape " + Shape.str(weight.shape()));
    }
    Losses.requireFloat("linear", "input", x);
    if (x.dim() == 0 || x.size(-1) != weight.size(1)) {
      throw new IllegalArgumentException("linear: expected input with last dim " + weight.size(1)
          + ", got shape " + Shape.str(x.shape()) + " (weight " + Shape.str(weight.shape()) + ")");
    }
    if (bias != null && (bias.dim() != 1 || bias.size(0) != weight.size(0))) {
      throw new IllegalArgumentException("linear: bias must have shape [" + weight.size(0)
          + "], got " + Shape.str(bias.shape()));
    }
    return LinearOp.apply(x, weight, bias);
  }

  /**
   * Inverted dropout: in training, zeroes each element with probability p and scales the rest by
   * 1/(1-p), so the expected value is unchanged and evaluation needs no rescaling. Identity when not
   * training or p = 0; all zeros for p = 1.
   */
  public static Tensor dropout(Tensor x, double p, boolean training, Generator gen) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("dropout: p must be in [0, 1], got " + p);
    }
    if (!training || p == 0) {
      return x;
    }
    if (p == 1) {
      return x.mul(0f);
    }
    float scale = (float) (1 / (1 - p));
    Storage maskRes = Storage.forResult(x.numel());
    float[] mask = maskRes.floats();
    double keep = 1 - p;
    for (int i = 0; i < mask.length; i++) {
      mask[i] = gen.nextDouble() < keep ? scale : 0f;
    }
    return x.mul(Tensor.wrap(maskRes, x.shape()));
  }

  /**
   * Batch normalization over (N, C, *): {@code y = (x - mean) / sqrt(var + eps)·weight + bias} per
   * channel. In training the batch statistics (biased variance) are used and the running ones
   * updated in place: {@code running = (1 - momentum)·running + momentum·batch} (unbiased variance
   * for running_var, as PyTorch). Otherwise the running statistics are used. Null running tensors
   * mean "always batch statistics"; null weight/bias mean no affine part.
   */
  public static Tensor batchNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight,
      Tensor bias, boolean training, double momentum, double eps) {
    return Norms.batchNorm(x, runningMean, runningVar, weight, bias, training, momentum, eps);
  }

  /**
   * Layer normalization over the last dims ({@code normalizedShape}), per sample: {@code y = (x -
   * mean) / sqrt(var + eps)·weight + bias}; weight and bias (shaped like normalizedShape) may be
   * null.
   */
  public static Tensor layerNorm(Tensor x, int[] normalizedShape, Tensor weight, Tensor bias,
      double eps) {
    return Norms.layerNorm(x, normalizedShape, weight, bias, eps);
  }

  /**
   * Looks up rows of {@code weight} (num, dim) for int32 {@code indices} of any shape: (*) → (*,
   * dim). Equal to {@code indices.oneHot(num).matmul(weight)}. The row {@code paddingIdx} (or none
   * if -1) receives no gradient.
   */
  public static Tensor embedding(Tensor indices, Tensor weight, int paddingIdx) {
    if (weight.dim() != 2) {
      throw new IllegalArgumentException(
          "embedding: weight must be (num, dim), got shape " + Shape.str(weight.shape()));
    }
    if (indices.dtype() == DType.FLOAT32) {
      throw new IllegalArgumentException("embedding: expected int32 indices, got float32 of shape "
          + Shape.str(indices.shape()) + " (convert with toInt())");
    }
    int num = weight.size(0);
    if (paddingIdx < -1 || paddingIdx >= num) {
      throw new IllegalArgumentException("embedding: paddingIdx must be in [0, " + num
          + ") or -1 for none, got " + paddingIdx);
    }
    int[] idx = indices.toIntArray();
    for (int i = 0; i < idx.length; i++) {
      if (idx[i] < 0 || idx[i] >= num) {
        throw new IndexOutOfBoundsException("embedding: index " + idx[i] + " at position " + i
            + " is out of range for " + num + " embeddings (expected 0.." + (num - 1) + ")");
      }
    }
    return EmbeddingOp.apply(idx, indices.shape(), weight, paddingIdx);
  }

  // ================================================================== losses

  /** Mean squared error: reduce((x - t)²). Input and target must have equal shapes. */
  public static Tensor mseLoss(Tensor input, Tensor target, Reduction reduction) {
    return Losses.mse(input, target, reduction);
  }

  /** {@link #mseLoss(Tensor, Tensor, Reduction)} with MEAN. */
  public static Tensor mseLoss(Tensor input, Tensor target) {
    return Losses.mse(input, target, Reduction.MEAN);
  }

  /** Mean absolute error: reduce(|x - t|). */
  public static Tensor l1Loss(Tensor input, Tensor target, Reduction reduction) {
    return Losses.l1(input, target, reduction);
  }

  /** {@link #l1Loss(Tensor, Tensor, Reduction)} with MEAN. */
  public static Tensor l1Loss(Tensor input, Tensor target) {
    return Losses.l1(input, target, Reduction.MEAN);
  }

  /** Smooth L1: 0.5·d²/β where |d| &lt; β, else |d| - 0.5·β (PyTorch default β = 1). */
  public static Tensor smoothL1Loss(Tensor input, Tensor target, double beta, Reduction reduction) {
    return Losses.smoothL1(input, target, beta, reduction);
  }

  /** Huber: 0.5·d² where |d| ≤ δ, else δ·(|d| - 0.5·δ) (PyTorch default δ = 1). */
  public static Tensor huberLoss(Tensor input, Tensor target, double delta, Reduction reduction) {
    return Losses.huber(input, target, delta, reduction);
  }

  /**
   * Binary cross-entropy on probabilities x ∈ [0, 1]: {@code -w·(t·log x + (1-t)·log(1-x))}, each
   * log clamped at -100 like PyTorch. {@code weight} (broadcast to the input) may be null.
   */
  public static Tensor binaryCrossEntropy(Tensor input, Tensor target, Tensor weight,
      Reduction reduction) {
    return Losses.bce(input, target, weight, reduction);
  }

  /** {@link #binaryCrossEntropy(Tensor, Tensor, Tensor, Reduction)} without weight, MEAN. */
  public static Tensor binaryCrossEntropy(Tensor input, Tensor target) {
    return Losses.bce(input, target, null, Reduction.MEAN);
  }

  /**
   * Binary cross-entropy on logits, stable for any magnitude: {@code max(x,0) - x·t + log(1 +
   * e^-|x|)}; with {@code posWeight} p (broadcast over the last dim, one per class) the positive
   * term is weighted: {@code (1-t)·x + (1 + (p-1)·t)·softplus(-x)}. weight and posWeight may be null.
   */
  public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target, Tensor weight,
      Tensor posWeight, Reduction reduction) {
    return Losses.bceWithLogits(input, target, weight, posWeight, reduction);
  }

  /** {@link #binaryCrossEntropyWithLogits(Tensor, Tensor, Tensor, Tensor, Reduction)}, plain MEAN. */
  public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target) {
    return Losses.bceWithLogits(input, target, null, null, Reduction.MEAN);
  }

  /** PyTorch's default ignore index for class targets. */
  public static final int IGNORE_INDEX = -100;

  /** {@link #crossEntropy(Tensor, Tensor, Tensor, int, Reduction, double)} with defaults. */
  public static Tensor crossEntropy(Tensor input, Tensor target) {
    return Losses.crossEntropy(input, target, null, IGNORE_INDEX, Reduction.MEAN, 0);
  }

  /**
   * Cross-entropy of logits against class indices or class probabilities, fused with log-softmax
   * (stable for logits of any size).
   *
   * <p>Shapes: input (N, C) or (N, C, d1, …) or unbatched (C); target either int32 class indices
   * (N) / (N, d1, …) / () or float32 probabilities shaped like the input. For class targets,
   * {@code l_i = -w[y_i]·log softmax(x_i)[y_i]}; with label smoothing ε the target is mixed with
   * the uniform distribution: {@code (1-ε)·l_i + (ε/C)·Σ_c -w[c]·log softmax(x_i)[c]}; targets equal
   * to {@code ignoreIndex} contribute nothing, and MEAN divides by the summed weights of the used
   * targets (exactly PyTorch's semantics). For probability targets, {@code l_i = -Σ_c w[c]·t'[i,
   * c]·log softmax(x_i)[c]} and MEAN divides by the number of samples.
   *
   * @param weight class weights (C) or null
   * @param ignoreIndex label to skip ({@link #IGNORE_INDEX} by default)
   * @param labelSmoothing ε in [0, 1]
   */
  public static Tensor crossEntropy(Tensor input, Tensor target, Tensor weight, int ignoreIndex,
      Reduction reduction, double labelSmoothing) {
    return Losses.crossEntropy(input, target, weight, ignoreIndex, reduction, labelSmoothing);
  }

  /** Negative log-likelihood of log-probabilities (e.g. from {@link #logSoftmax}), MEAN. */
  public static Tensor nllLoss(Tensor input, Tensor target) {
    return Losses.nll(input, target, null, IGNORE_INDEX, Reduction.MEAN);
  }

  /**
   * Negative log-likelihood: {@code -w[y_i]·input[i, y_i]} for log-probabilities input (N, C) or
   * (N, C, d1, …) and int32 targets (N) / (N, d1, …); MEAN divides by the summed weights of the
   * targets that are not {@code ignoreIndex}.
   */
  public static Tensor nllLoss(Tensor input, Tensor target, Tensor weight, int ignoreIndex,
      Reduction reduction) {
    return Losses.nll(input, target, weight, ignoreIndex, reduction);
  }

  /**
   * Kullback–Leibler divergence KL(target ‖ input) with {@code input} holding log-probabilities:
   * pointwise {@code t·(log t - x)} (or {@code e^t·(t - x)} when {@code logTarget}). Use
   * {@link Reduction#BATCHMEAN} for the true KL per sample (MEAN averages over every element).
   */
  public static Tensor klDiv(Tensor input, Tensor target, Reduction reduction, boolean logTarget) {
    return Losses.klDiv(input, target, reduction, logTarget);
  }

  /**
   * Cosine embedding loss for pairs (N, D) with labels y ∈ {1, -1} (N): {@code 1 - cos} for
   * similar pairs, {@code max(0, cos - margin)} for dissimilar ones.
   */
  public static Tensor cosineEmbeddingLoss(Tensor x1, Tensor x2, Tensor y, double margin,
      Reduction reduction) {
    return Losses.cosineEmbedding(x1, x2, y, margin, reduction);
  }

  /** Margin ranking loss {@code max(0, -y·(x1 - x2) + margin)}, y ∈ {1, -1}. */
  public static Tensor marginRankingLoss(Tensor x1, Tensor x2, Tensor y, double margin,
      Reduction reduction) {
    return Losses.marginRanking(x1, x2, y, margin, reduction);
  }

  /**
   * Triplet margin loss {@code max(d(a, p) - d(a, n) + margin, 0)} with the p-norm distance
   * {@code d(u, v) = ||u - v + eps||_p} over the last dim; with {@code swap} d(a, n) is replaced by
   * min(d(a, n), d(p, n)). PyTorch defaults: margin 1, p 2, eps 1e-6, no swap.
   */
  public static Tensor tripletMarginLoss(Tensor anchor, Tensor positive, Tensor negative,
      double margin, double p, double eps, boolean swap, Reduction reduction) {
    return Losses.tripletMargin(anchor, positive, negative, margin, p, eps, swap, reduction);
  }
}
