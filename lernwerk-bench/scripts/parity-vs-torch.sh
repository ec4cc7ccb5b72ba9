#!/usr/bin/env bash
# lernwerk's tensor ops against PyTorch: parity_torch.py writes inputs, PyTorch's outputs and
# gradients for ~330 cases (ordinary values and NaN, +-inf, -0, +-1e4, ties; broadcasting; keepdim;
# batched matmul; indexing; nn.functional; optimizers; schedules) to a safetensors file, TorchParity runs the same ops and lists every
# mismatch. Exit status 1 on a mismatch.
#   lernwerk-bench/scripts/parity-vs-torch.sh [seed ...]     (default seeds: 5 6 7)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/vs-torch-setup.sh" parity-vs-torch
seeds=("$@"); [ ${#seeds[@]} -gt 0 ] || seeds=(5 6 7)
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
status=0
for s in "${seeds[@]}"; do
  /usr/bin/python3 "$here/parity_torch.py" "$out/cases-$s.safetensors" "$s" >&2
  echo "seed $s:"
  "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -cp "$jar" \
    dev.lernwerk.bench.TorchParity "$out/cases-$s.safetensors" 2>/dev/null || status=1
done
exit $status
