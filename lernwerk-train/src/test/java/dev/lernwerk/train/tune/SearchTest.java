package dev.lernwerk.train.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lernwerk.tensor.Generator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchTest {

  @Test
  void gridOrderAndCountFollowNestedLoops() {
    var axes = new LinkedHashMap<String, List<?>>();
    axes.put("layers", List.of(1, 2, 3));
    axes.put("lr", List.of(1e-3, 1e-2));
    Grid g = Grid.of(axes);
    assertEquals(6, g.size());
    assertEquals(List.of("layers", "lr"), g.keys());
    List<String> seen = g.stream().map(p -> p.get("layers") + "/" + p.get("lr")).toList();
    assertEquals(List.of("1/0.001", "1/0.01", "2/0.001", "2/0.01", "3/0.001", "3/0.01"), seen);
    assertEquals(List.of("layers", "lr"), List.copyOf(g.get(5).keySet()));
    assertThrows(UnsupportedOperationException.class, () -> g.get(0).put("x", 1));
    assertThrows(IndexOutOfBoundsException.class, () -> g.get(6));
  }

  @Test
  void unorderedMapsAreSortedByName() {
    // Map.of has no stable order: keys are sorted, the last varies fastest (sklearn's ParameterGrid)
    Grid g = Grid.of(Map.of("lr", List.of(0.1, 0.01), "batch", List.of(32, 64), "act", List.of("relu")));
    assertEquals(List.of("act", "batch", "lr"), g.keys());
    assertEquals(Map.of("act", "relu", "batch", 32, "lr", 0.01), g.get(1));
    assertEquals(Map.of("act", "relu", "batch", 64, "lr", 0.1), g.get(2));
    assertEquals(4, g.size());
  }

  @Test
  void gridRejectsEmptyAxes() {
    var e = assertThrows(IllegalArgumentException.class, () -> Grid.of(Map.of("lr", List.of())));
    assertEquals("Grid.of: hyperparameter 'lr' needs at least one value, got []", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Grid.of(Map.of()));
    assertEquals("Grid.of: expected at least one hyperparameter, got none", e.getMessage());
  }

  @Test
  void randomSearchIsSeededAndInRange() {
    var space = new LinkedHashMap<String, Distribution>();
    space.put("lr", Distribution.logUniform(1e-4, 1e-1));
    space.put("layers", Distribution.intUniform(1, 4));
    space.put("dropout", Distribution.uniform(0, 0.5));
    space.put("act", Distribution.choice("relu", "gelu"));
    List<Map<String, Object>> a = RandomSearch.sample(space, 400, new Generator(42));
    List<Map<String, Object>> b = RandomSearch.sample(space, 400, new Generator(42));
    assertEquals(a, b);
    assertTrue(!a.equals(RandomSearch.sample(space, 400, new Generator(43))));
    int[] perDecade = new int[3];
    int[] layers = new int[5];
    for (var p : a) {
      double lr = (Double) p.get("lr");
      assertTrue(lr >= 1e-4 && lr < 1e-1, "lr " + lr);
      perDecade[(int) Math.floor(Math.log10(lr) + 4)]++;
      int l = (Integer) p.get("layers");
      assertTrue(l >= 1 && l <= 4);
      layers[l]++;
      double d = (Double) p.get("dropout");
      assertTrue(d >= 0 && d < 0.5);
      assertTrue(List.of("relu", "gelu").contains(p.get("act")));
      assertEquals(List.of("lr", "layers", "dropout", "act"), List.copyOf(p.keySet()));
    }
    // log-uniform: each decade about a third of the draws
    for (int c : perDecade) {
      assertTrue(c > 100 && c < 170, "per decade " + java.util.Arrays.toString(perDecade));
    }
    for (int l = 1; l <= 4; l++) {
      assertTrue(layers[l] > 70, "layers " + java.util.Arrays.toString(layers)); // both ends reachable
    }
  }

  @Test
  void distributionsValidate() {
    var e = assertThrows(IllegalArgumentException.class, () -> Distribution.logUniform(0, 1));
    assertEquals("Distribution.logUniform: expected 0 < low < high, got low=0.0, high=1.0", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Distribution.intUniform(3, 2));
    assertThrows(IllegalArgumentException.class, () -> Distribution.choice());
    var hm = new HashMap<String, Distribution>();
    hm.put("b", Distribution.uniform(0, 1));
    hm.put("a", Distribution.uniform(0, 1));
    assertEquals(List.of("a", "b"), List.copyOf(RandomSearch.sample(hm, 1, new Generator(1)).get(0).keySet()));
  }

  @Test
  void batchSizeRules() {
    assertEquals(0.4, Tuning.batchSizeRule(0.1, 256, 1024, Tuning.Scaling.LINEAR), 1e-15);
    assertEquals(0.002, Tuning.batchSizeRule(1e-3, 32, 128, Tuning.Scaling.SQRT), 1e-15);
    assertEquals(0.05, Tuning.batchSizeRule(0.1, 256, 128, Tuning.Scaling.LINEAR), 1e-15);
    var e = assertThrows(IllegalArgumentException.class,
        () -> Tuning.batchSizeRule(-1, 32, 64, Tuning.Scaling.LINEAR));
    assertEquals("batchSizeRule: invalid learning rate: -1.0", e.getMessage());
  }
}
