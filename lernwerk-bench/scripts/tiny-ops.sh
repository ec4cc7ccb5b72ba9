#!/usr/bin/env bash
# Per-op time of 31 tiny ops (8x8 operands, a 1x10 row; elementwise, reductions, softmax, matmul,
# shape ops, recorded ops and a backward): lernwerk (TinyOpSweep) vs PyTorch from Python
# (tiny_ops_torch.py), the same timing loop, in one run; prints the ratio per op and the smallest.
# PyTorch's figure is the best of torch.set_num_threads 1/2 x OPENBLAS_NUM_THREADS 1/2.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/vs-torch-setup.sh" tiny-ops
out="$(mktemp -d)"
"$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -XX:+UseSerialGC -cp "$jar" \
  dev.lernwerk.bench.TinyOpSweep 2>/dev/null >"$out/lw.txt"
/usr/bin/python3 "$here/tiny_ops_torch.py" >"$out/torch.txt"
grep '^#' "$out/torch.txt" >&2 || true
printf '%-22s %12s %12s %10s\n' op lernwerk_ns torch_ns torch/lw
awk 'FNR==NR && $1=="torch" {t[$2]=$3; next}
     $1=="lernwerk" && ($2 in t) {
       r = t[$2] / $3; printf "%-22s %12.0f %12.0f %10.2f\n", $2, $3, t[$2], r
       if (min == "" || r < min) { min = r; at = $2 } }
     END { printf "smallest ratio: %.2f (%s)\n", min, at }' "$out/torch.txt" "$out/lw.txt"
rm -rf "$out"
