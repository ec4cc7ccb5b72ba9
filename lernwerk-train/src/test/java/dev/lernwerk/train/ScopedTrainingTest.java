package dev.lernwerk.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.lernwerk.nn.BatchNorm1d;
import dev.lernwerk.nn.Dropout;
import dev.lernwerk.nn.LayerNorm;
import dev.lernwerk.nn.Linear;
import dev.lernwerk.nn.Module;
import dev.lernwerk.nn.ReLU;
import dev.lernwerk.nn.Sequential;
import dev.lernwerk.nn.loss.CrossEntropyLoss;
import dev.lernwerk.optim.Adam;
import dev.lernwerk.optim.Optimizer;
import dev.lernwerk.optim.SGD;
import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Tensor;
import dev.lernwerk.tensor.TensorScope;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Training with one {@link TensorScope} per step gives the same weights, buffers and optimizer state,
 * bit for bit, as training without scopes, while recycled arrays are filled with NaN.
 */
class ScopedTrainingTest {
  private static Module model() {
    Generator g = new Generator(21);
    return new Sequential(new Linear(30, 48, true, g), new BatchNorm1d(48), new ReLU(),
        new Dropout(0.2, new Generator(4)), new Linear(48, 32, true, g), new LayerNorm(32),
        new ReLU(), new Linear(32, 5, true, g));
  }

  private static Map<String, Tensor> train(
      boolean scoped, Function<Module, Optimizer> optimizer, double[] losses) {
    Module net = model();
    Optimizer opt = optimizer.apply(net);
    var lossFn = new CrossEntropyLoss();
    Generator data = new Generator(8);
    for (int step = 0; step < losses.length; step++) {
      Tensor x = Tensor.randn(data, 40, 30);
      Tensor y = Tensor.randint(data, 0, 5, 40);
      try (TensorScope s = scoped ? TensorScope.open() : null) {
        Tensor loss = lossFn.apply(net.forward(x), y);
        opt.zeroGrad();
        loss.backward();
        opt.step();
        losses[step] = loss.item();
      }
    }
    var state = net.stateDict();
    for (var e : opt.stateDict().entrySet()) {
      state.put("opt." + e.getKey(), e.getValue());
    }
    return state;
  }

  private static void sameTraining(Function<Module, Optimizer> optimizer) {
    TensorScope.setDebugFill(true);
    try {
      double[] plainLosses = new double[6];
      double[] scopedLosses = new double[6];
      Map<String, Tensor> plain = train(false, optimizer, plainLosses);
      Map<String, Tensor> scoped = train(true, optimizer, scopedLosses);
      assertArrayEquals(plainLosses, scopedLosses, "losses");
      assertEquals(plain.keySet(), scoped.keySet());
      for (var e : plain.entrySet()) {
        Tensor t = scoped.get(e.getKey());
        assertFalse(TensorScope.isScoped(t), e.getKey() + " outlives the scopes");
        assertArrayEquals(e.getValue().toFloatArray(), t.toFloatArray(), e.getKey());
      }
    } finally {
      TensorScope.setDebugFill(false);
      TensorScope.clearPool();
    }
  }

  @Test
  void adamWithBatchNormDropoutAndLayerNorm() {
    sameTraining(net -> new Adam(net.parameters(), 0.01));
  }

  @Test
  void sgdWithMomentum() {
    sameTraining(net -> new SGD(net.parameters(),
        SGD.Settings.defaults().withLr(0.05).withMomentum(0.9)));
  }
}
