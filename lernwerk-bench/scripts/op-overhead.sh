#!/usr/bin/env bash
# Per-op time of tiny ops (1-element add, 8x8 mul/sum/matmul, 1x10 softmax: the fixed overhead) and
# small ops (64x64 add, 256x10 softmax), with and without autograd recording:
# lernwerk (JMH, OpOverheadBench) vs PyTorch from Python, in one run; prints the ratio per op.
# PyTorch's figure is the best of torch.set_num_threads 1/2 x OPENBLAS_NUM_THREADS 1/2.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/vs-torch-setup.sh" op-overhead
out="$(mktemp -d)"
"$JAVA_HOME/bin/java" -jar "$jar" OpOverheadBench -f 1 -wi 5 -w 1s -i 10 -r 1s -rf csv -rff "$out/jmh.csv" >&2
/usr/bin/python3 "$here/op_overhead_torch.py" >"$out/torch.txt"
cat "$out/torch.txt" >&2
printf '%-24s %14s %14s %10s\n' op lernwerk_ns torch_ns torch/lw
# JMH csv: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: threads"
tail -n +2 "$out/jmh.csv" | while IFS=, read -r bench _ _ _ score _; do
  name="${bench//\"/}"; name="${name##*.}"
  t="$(awk -v n="$name" '$1=="torch" && $2==n {print $3}' "$out/torch.txt")"
  [ -n "$t" ] || continue
  printf '%-24s %14.0f %14.0f %10.2f\n' "$name" "$score" "$t" "$(awk -v a="$t" -v b="$score" 'BEGIN{print a/b}')"
done
