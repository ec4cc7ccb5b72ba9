#!/usr/bin/env bash
# One Adam step over ~1M parameters: lernwerk (JMH, AdamStepBench, 1 and 2 threads) vs
# torch.optim.Adam (best of torch threads 1/2 x OPENBLAS_NUM_THREADS 1/2 x foreach off/on), one run.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/vs-torch-setup.sh" adam-vs-torch
out="$(mktemp -d)"
"$JAVA_HOME/bin/java" -jar "$jar" AdamStepBench -f 1 -wi 5 -w 1s -i 10 -r 1s -tu us -rf csv -rff "$out/jmh.csv" >&2
/usr/bin/python3 "$here/adam_step_torch.py" >"$out/torch.txt"
cat "$out/torch.txt" >&2
# the torch script ends with "best: <ms> ms per step (...)"
best_torch_us="$(awk '/^best:/ {print $2 * 1000}' "$out/torch.txt" | tail -1)"
printf '%-22s %12s %12s %10s\n' config lernwerk_us torch_us torch/lw
tail -n +2 "$out/jmh.csv" | while IFS=, read -r bench _ _ _ score _ _ threads; do
  printf '%-22s %12.1f %12.1f %10.2f\n' "adam threads=${threads//\"/}" "$score" "$best_torch_us" \
    "$(awk -v a="$best_torch_us" -v b="$score" 'BEGIN{print a/b}')"
done
