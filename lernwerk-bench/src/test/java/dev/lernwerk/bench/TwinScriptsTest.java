package dev.lernwerk.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.lernwerk.tensor.Tensor;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * The Java benchmarks and their PyTorch twins measure the same ops: the names must agree, since the
 * comparison scripts pair figures by name and silently drop an op that one side lacks.
 */
class TwinScriptsTest {
  private static final Pattern KEY = Pattern.compile("^\\s*\"(\\w+)\":", Pattern.MULTILINE);

  private static Set<String> pythonKeys(String script) throws IOException {
    Path p = Path.of("scripts", script);
    String text = Files.readString(p);
    Set<String> keys = new TreeSet<>();
    Matcher m = KEY.matcher(text);
    while (m.find()) {
      keys.add(m.group(1));
    }
    assertFalse(keys.isEmpty(), "no op names found in " + p);
    return keys;
  }

  @Test
  void tinyOpSweepAndItsTwinHaveTheSameOps() throws IOException {
    var ops = TinyOpSweep.ops();
    assertEquals(new TreeSet<>(ops.keySet()), pythonKeys("tiny_ops_torch.py"));
    for (var e : ops.entrySet()) {
      Tensor out = e.getValue().get();
      assertNotNull(out, e.getKey());
    }
  }

  @Test
  void opOverheadBenchAndItsTwinHaveTheSameOps() throws IOException {
    Set<String> benches = new TreeSet<>();
    for (Method m : OpOverheadBench.class.getDeclaredMethods()) {
      if (m.isAnnotationPresent(Benchmark.class)) {
        benches.add(m.getName());
      }
    }
    assertEquals(benches, pythonKeys("op_overhead_torch.py"));
  }

  @Test
  void opOverheadBenchRuns() {
    var b = new OpOverheadBench();
    b.threads = 1;
    b.setup();
    for (Method m : OpOverheadBench.class.getDeclaredMethods()) {
      if (m.isAnnotationPresent(Benchmark.class)) {
        try {
          assertNotNull(m.invoke(b), m.getName());
        } catch (ReflectiveOperationException ex) {
          throw new AssertionError(m.getName() + " failed", ex);
        }
      }
    }
  }
}
