package dev.lernwerk.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lernwerk.autograd.Grad;
import dev.lernwerk.autograd.Node;
import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Shape;
import dev.lernwerk.tensor.Tensor;
import dev.lernwerk.testkit.GradTable.Domain;
import dev.lernwerk.testkit.GradTable.Layout;
import dev.lernwerk.testkit.GradTable.Row;
import dev.lernwerk.testkit.GradTable.Shapes;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GradTableTest {

  /** x² with a deliberately wrong backward (forgets the factor 2). */
  static final class WrongSquare extends Node {
    static Tensor apply(Tensor x) {
      Tensor y;
      try (var g = Grad.disabled()) {
        y = x.mul(x);
      }
      if (shouldRecord(x)) {
        WrongSquare n = new WrongSquare();
        n.save(x.detach());
        n.record(y, x);
      }
      return y;
    }

    @Override
    protected Tensor[] backward(Tensor g) {
      return new Tensor[] {g.mul(saved(0))};
    }
  }

  @Test
  void correctOpsPass() {
    var t = new GradTable(1)
        .add(Row.of("mul", Shapes.broadcast(), in -> in[0].mul(in[1])))
        .add(Row.of("square", Shapes.random(0, 3), in -> in[0].square()));
    assertEquals(List.of(), t.failures());
  }

  @Test
  void wrongGradientIsReportedForEveryLayout() {
    var t = new GradTable(1).add(Row.of("wrong", Shapes.fixed(new int[] {3, 4}), in ->
        WrongSquare.apply(in[0])).trials(1));
    List<String> f = t.failures();
    assertEquals(4, f.size(), f.toString());
    for (String s : f) {
      assertTrue(s.startsWith("wrong [3, 4] "), s);
      assertTrue(s.contains("gradcheck FAILED"), s);
    }
  }

  @Test
  void readingOutsideAViewIsCaught() {
    // "forward" that wrongly reads the whole storage instead of the view's elements
    var t = new GradTable(1).add(Row.of("leaky", Shapes.fixed(new int[] {2, 3}), in -> {
      Tensor x = in[0];
      float[] all = x.storage().floats();
      float s = 0;
      for (float v : all) {
        s += v;
      }
      return x.mul(1f).add(s - s);
    }).layouts(Layout.SLICED).trials(1));
    List<String> f = t.failures();
    assertEquals(1, f.size(), f.toString());
    assertTrue(f.get(0).contains("forward of non-contiguous inputs vs contiguous copies"), f.get(0));
  }

  @Test
  void casesCoverApplicableLayoutsOnly() {
    var t = new GradTable(3)
        .add(Row.of("matrix", Shapes.fixed(new int[] {3, 4}), in -> in[0]).trials(1))
        .add(Row.of("scalar", Shapes.fixed(new int[0]), in -> in[0]).trials(1))
        .add(Row.of("vector", Shapes.fixed(new int[] {5}), in -> in[0]).trials(1))
        .add(Row.of("ones", Shapes.fixed(new int[] {1, 1}), in -> in[0]).trials(1));
    Set<String> names = new HashSet<>();
    for (var c : t.cases()) {
      names.add(c.row().name() + " " + c.layout());
    }
    assertEquals(
        Set.of("matrix CONTIGUOUS", "matrix TRANSPOSED", "matrix SLICED", "matrix EXPANDED",
            "scalar CONTIGUOUS", "vector CONTIGUOUS", "vector SLICED", "vector EXPANDED",
            "ones CONTIGUOUS", "ones SLICED"),
        names);
  }

  @Test
  void layoutsKeepValuesButChangeMemory() {
    Tensor v = Tensor.randn(new Generator(5), 3, 4);
    for (Layout l : EnumSet.of(Layout.TRANSPOSED, Layout.SLICED)) {
      Tensor x = GradTable.layOut(v, l);
      assertArrayEquals(v.shape(), x.shape());
      assertArrayEquals(v.toFloatArray(), x.toFloatArray(), l.toString());
      assertFalse(x.isContiguous(), l.toString());
      assertTrue(x.isLeaf());
    }
    Tensor sliced = GradTable.layOut(v, Layout.SLICED);
    assertEquals(1, sliced.offset());
    assertTrue(Float.isNaN(sliced.storage().floats()[0]), "gaps hold NaN");
  }

  @Test
  void broadcastShapesBroadcastAndVary() {
    Generator gen = new Generator(11);
    boolean sawRankDiff = false;
    boolean sawOne = false;
    for (int i = 0; i < 200; i++) {
      int[][] s = Shapes.broadcast(3).draw(gen);
      Shape.broadcast("test", Shape.broadcast("test", s[0], s[1]), s[2]);
      sawRankDiff |= s[0].length != s[1].length;
      for (int[] x : s) {
        for (int d : x) {
          sawOne |= d == 1;
        }
      }
    }
    assertTrue(sawRankDiff && sawOne);
  }

  @Test
  void distinctValuesHaveNoTiesAcrossInputs() {
    Generator gen = new Generator(2);
    float[] a = GradTable.values(gen, Domain.DISTINCT, 0, new int[] {4, 4}).toFloatArray();
    float[] b = GradTable.values(gen, Domain.DISTINCT, 1, new int[] {4, 4}).toFloatArray();
    Set<Float> seen = new HashSet<>();
    for (float x : a) {
      assertTrue(seen.add(x));
      assertTrue(Math.abs(x) >= 0.029);
    }
    for (float x : b) {
      for (float y : seen) {
        assertTrue(Math.abs(x - y) > 0.05, x + " vs " + y);
      }
    }
  }

  @Test
  void sameSeedSameCases() {
    var a = new GradTable(9).add(Row.of("r", Shapes.broadcast(), in -> in[0].add(in[1])));
    var b = new GradTable(9).add(Row.of("r", Shapes.broadcast(), in -> in[0].add(in[1])));
    assertEquals(
        a.cases().stream().map(GradTable.Case::displayName).toList(),
        b.cases().stream().map(GradTable.Case::displayName).toList());
  }
}
