package dev.lernwerk.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lernwerk.io.SafeTensors;
import dev.lernwerk.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parity checker itself: it must pass matching results and report every kind of mismatch. */
class TorchParityTest {
  private static List<String> check(Map<String, String> meta, Map<String, Tensor> tensors) {
    return TorchParity.check(new SafeTensors.Contents(new LinkedHashMap<>(tensors), meta));
  }

  @Test
  void matchingValuesAndGradientsPass() {
    Tensor x = Tensor.of(new float[] {-1, 0.5f, 2}, 3);
    Tensor w = Tensor.of(new float[] {1, 2, 3}, 3);
    var tensors = new LinkedHashMap<String, Tensor>();
    tensors.put("e.in0", x);
    tensors.put("e.out0", x.exp());
    tensors.put("e.w", w);
    tensors.put("e.grad0", x.exp().mul(w));
    tensors.put("m.in0", Tensor.of(new float[] {1, 5, 5, 2}, 1, 4));
    tensors.put("m.out0", Tensor.of(new float[] {5}, 1));
    tensors.put("m.out1", Tensor.ofInts(new int[] {1}, 1));
    assertEquals(List.of(), check(Map.of("e", "exp", "m", "max|1|False"), tensors));
  }

  @Test
  void everyKindOfMismatchIsReported() {
    Tensor x = Tensor.of(new float[] {0.1f, 0.2f}, 2);
    var tensors = new LinkedHashMap<String, Tensor>();
    tensors.put("value.in0", x);
    tensors.put("value.out0", Tensor.of(new float[] {0.1f, 0.2001f}, 2));
    tensors.put("nan.in0", x);
    tensors.put("nan.out0", Tensor.of(new float[] {Float.NaN, 0.2f}, 2));
    tensors.put("shape.in0", x);
    tensors.put("shape.out0", Tensor.of(new float[] {0.1f, 0.2f}, 1, 2));
    tensors.put("ints.in0", Tensor.of(new float[] {3, 1}, 2));
    tensors.put("ints.out0", Tensor.wrapInts(new int[] {0}));
    tensors.put("grad.in0", x);
    tensors.put("grad.out0", x.neg());
    tensors.put("grad.w", Tensor.of(new float[] {1, 1}, 2));
    tensors.put("grad.grad0", Tensor.of(new float[] {1, 1}, 2));
    tensors.put("unknown.in0", x);
    tensors.put("unknown.out0", x);
    Map<String, String> meta = new LinkedHashMap<>();
    for (String op : new String[] {"value|neg", "nan|neg", "shape|neg", "ints|argmin", "grad|neg",
        "unknown|frobnicate"}) {
      String[] p = op.split("\\|");
      meta.put(p[0], p[1].equals("argmin") ? "argmin|0|False" : p[1]);
    }
    List<String> failures = new ArrayList<>(check(meta, tensors));
    assertEquals(6, failures.size(), String.join("\n", failures));
    assertTrue(failures.get(0).startsWith("value out0: at flat index 0"), failures.get(0));
    assertTrue(failures.get(1).startsWith("nan out0: at flat index 0 got -0.1, PyTorch NaN"),
        failures.get(1));
    assertTrue(failures.get(2).contains("shape [2], PyTorch [1, 2]"), failures.get(2));
    assertEquals("ints out0: at flat index 0 got 1, PyTorch 0", failures.get(3));
    assertTrue(failures.get(4).startsWith("grad grad0: at flat index 0 got -1.0, PyTorch 1.0"),
        failures.get(4));
    assertTrue(failures.get(5).contains("unknown op 'frobnicate'"), failures.get(5));
  }

  @Test
  void toleranceIsRelativeToTheOutputScaleOnlyForReductions() {
    List<String> failures = new ArrayList<>();
    Tensor want = Tensor.of(new float[] {1000f, 0.001f}, 2);
    Tensor got = Tensor.of(new float[] {1000f, 0.0012f}, 2);
    TorchParity.compare("elementwise", want, got, false, failures);
    assertEquals(1, failures.size(), "2e-4 off at 1e-3 is outside 1e-5 + 1e-5·|x|");
    TorchParity.compare("reduction", want, got, true, failures);
    assertEquals(1, failures.size(), "inside 1e-5 + 1e-5·1000 for a reduction: " + failures);
    TorchParity.compare("inf", Tensor.of(new float[] {Float.POSITIVE_INFINITY}, 1),
        Tensor.of(new float[] {Float.NEGATIVE_INFINITY}, 1), true, failures);
    assertEquals(2, failures.size(), "infinities of different sign differ");
  }
}
