#!/usr/bin/env bash
# Training throughput and peak RSS of the course MLPs: lernwerk vs PyTorch, in one run.
#   lernwerk-bench/scripts/mlp-vs-torch.sh [mlp64] [mlp512]
# PyTorch's figure is the best of torch.set_num_threads 1/2 x OPENBLAS_NUM_THREADS 1/2 (Debian's
# python3-torch at /usr/bin/python3). lernwerk runs with its default thread count (the cores).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/vs-torch-setup.sh" mlp-vs-torch
models=("$@"); [ ${#models[@]} -gt 0 ] || models=(mlp64 mlp512)
JVM=(--add-modules jdk.incubator.vector -XX:+UseSerialGC -Xmx1g)
printf '%-8s %14s %14s %8s %12s %12s\n' model lernwerk/s torch/s ratio lw_rss_MiB torch_rss_MiB
for m in "${models[@]}"; do
  log="$(mktemp)"
  "$JAVA_HOME/bin/java" "${JVM[@]}" -cp "$jar" dev.lernwerk.bench.MlpTrain "$m" 5 2>/dev/null >"$log"
  cat "$log" >&2
  lw="$(grep "^lernwerk $m" "$log")"
  /usr/bin/python3 "$here/mlp_train_torch.py" "$m" >"$log"
  cat "$log" >&2
  th="$(grep "^torch $m" "$log")"
  rm -f "$log"
  read -r _ _ lws lwr <<<"$lw"
  read -r _ _ ths thr <<<"$th"
  ratio="$(awk -v a="$lws" -v b="$ths" 'BEGIN{printf "%.2f", a/b}')"
  printf '%-8s %14s %14s %8s %12s %12s\n' "$m" "$lws" "$ths" "$ratio" "$lwr" "$thr"
done
