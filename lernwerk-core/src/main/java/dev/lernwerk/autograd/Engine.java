package dev.lernwerk.autograd;

import dev.lernwerk.tensor.Shape;
import dev.lernwerk.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reverse-mode differentiation: walks the graph behind a tensor in reverse topological order with an
 * explicit stack (no recursion, so graphs of any depth work), adds up gradients per node, stores
 * gradients of leaves in {@code .grad} (accumulating across calls) and frees saved tensors unless the
 * graph is retained.
 */
public final class Engine {
  private Engine() {}

  /**
   * Runs backward from {@code root} with {@code gradient} (shaped like root; null means 1 for a
   * one-element root). Called by {@link Tensor#backward}.
   */
  public static void backward(Tensor root, Tensor gradient, boolean retainGraph) {
    if (!root.requiresGrad()) {
      throw new IllegalStateException(
          "backward: the tensor of shape "
              + Shape.str(root.shape())
              + " does not require grad and has no grad_fn; call requiresGrad(true) on the"
              + " inputs you want gradients for before computing it");
    }
    if (gradient == null) {
      if (root.numel() != 1) {
        throw new IllegalArgumentException(
            "backward: called without a gradient on a tensor of shape "
                + Shape.str(root.shape())
                + "; implicit gradients exist only for one-element (scalar) outputs: reduce it"
                + " first (e.g. y.sum().backward()) or pass one: y.backward(gradient) with a"
                + " gradient of shape "
                + Shape.str(root.shape()));
      }
      gradient = Tensor.onesLike(root);
    } else if (!Arrays.equals(gradient.shape(), root.shape())) {
      throw new IllegalArgumentException(
          "backward: gradient shape "
              + Shape.str(gradient.shape())
              + " does not match the tensor's shape "
              + Shape.str(root.shape()));
    }
    try (var g = Grad.disabled()) {
      run(root, gradient.detach(), retainGraph);
    }
  }

  private static void run(Tensor root, Tensor gradient, boolean retainGraph) {
    Node top = root.gradFn();
    if (top == null) {
      accumulateLeaf(root, gradient);
      return;
    }
    List<Node> order = topologicalOrder(top);
    Map<Node, Tensor> pending = new IdentityHashMap<>();
    Map<Node, Tensor> outputs = new IdentityHashMap<>();
    pending.put(top, gradient);
    outputs.put(top, root);
    for (Node node : order) {
      Tensor g = pending.remove(node);
      if (g == null) {
        continue; // no gradient flowed into this node
      }
      Tensor out = outputs.remove(node);
      if (out != null && out.retainsGrad()) {
        accumulateLeaf(out, g);
      }
      Tensor[] inputs = node.inputs();
      if (inputs == null) {
        throw new IllegalStateException(node.name() + ": " + Node.FREED);
      }
      Tensor[] grads = node.runBackward(g);
      for (int i = 0; i < inputs.length; i++) {
        Tensor in = inputs[i];
        if (in == null || !in.requiresGrad() || grads == null || i >= grads.length) {
          continue;
        }
        Tensor gi = grads[i];
        if (gi == null) {
          continue;
        }
        if (!Arrays.equals(gi.shape(), in.shape())) {
          throw new IllegalStateException(
              node.name()
                  + ": backward returned a gradient of shape "
                  + Shape.str(gi.shape())
                  + " for input "
                  + i
                  + " of shape "
                  + Shape.str(in.shape()));
        }
        Node child = in.gradFn();
        if (child == null) {
          accumulateLeaf(in, gi);
        } else {
          pending.merge(child, gi, Tensor::add);
          outputs.putIfAbsent(child, in);
        }
      }
      if (!retainGraph) {
        node.release();
      }
    }
  }

  private static void accumulateLeaf(Tensor leaf, Tensor g) {
    Tensor cur = leaf.grad();
    if (cur == null) {
      leaf.setGrad(g.clone());
    } else {
      cur.add_(g);
    }
  }

  /** Nodes reachable from {@code top}, each after every node that feeds gradient into it. */
  static List<Node> topologicalOrder(Node top) {
    Map<Node, Boolean> visited = new IdentityHashMap<>();
    List<Node> post = new ArrayList<>();
    ArrayDeque<Object[]> stack = new ArrayDeque<>();
    stack.push(new Object[] {top, 0});
    visited.put(top, Boolean.TRUE);
    while (!stack.isEmpty()) {
      Object[] frame = stack.peek();
      Node n = (Node) frame[0];
      int next = (Integer) frame[1];
      Tensor[] ins = n.inputs();
      if (ins == null) {
        if (n.isReleased()) {
          throw new IllegalStateException(n.name() + ": " + Node.FREED);
        }
        ins = new Tensor[0];
      }
      boolean pushed = false;
      while (next < ins.length) {
        Tensor in = ins[next++];
        Node c = in == null ? null : in.gradFn();
        if (c != null && visited.put(c, Boolean.TRUE) == null) {
          frame[1] = next;
          stack.push(new Object[] {c, 0});
          pushed = true;
          break;
        }
      }
      if (!pushed) {
        stack.pop();
        post.add(n);
      }
    }
    java.util.Collections.reverse(post);
    return post;
  }
}
