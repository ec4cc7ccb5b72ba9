#!/usr/bin/env bash
# SGEMM of lernwerk against OpenBLAS (cblas_sgemm) on the shapes of GemmBench, in one run.
#
#   lernwerk-bench/scripts/gemm-vs-openblas.sh [repeats] [min_seconds_per_sample]
#
# Builds openblas/sgemm_bench.c with gcc (needs libopenblas-dev or libopenblas-pthread-dev) and the
# bench jar through ./build, then for each thread count (1, 2) and form (NN, NT, TN) runs OpenBLAS
# and lernwerk back to back on the same shapes. Both time the same way: a sample loops the call for
# at least min_seconds, three warm-up samples, then the median of `repeats` samples, in
# GFLOP/s = 2*M*N*K / time. Prints a table with the ratio lernwerk / OpenBLAS and the OpenBLAS
# kernel in use.
#
# Then a second table from GemmVsOpenBlas: both libraries in one JVM (OpenBLAS through the FFM
# API), their samples interleaved, so on a machine shared with other work both see the same load.
#
# OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are unset for every run that loads OpenBLAS, so it picks
# its kernel for this CPU itself.
set -euo pipefail
repeats="${1:-7}"
sample="${2:-0.2}"
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
root="$(cd "$bench/.." && pwd)"
out="$bench/target/gemm-vs-openblas"
mkdir -p "$out"

gcc -O2 -o "$out/sgemm_bench" "$bench/openblas/sgemm_bench.c" -lopenblas
"$root/build" -q -pl lernwerk-core,lernwerk-bench -am package -DskipTests >"$out/build.log" 2>&1 ||
  { cat "$out/build.log" >&2; exit 1; }
# shellcheck source=../../scripts/find-jdk.sh
source "$root/scripts/find-jdk.sh"
java="$(lernwerk_find_jdk)/bin/java"

load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
shapes=(256 784 64 256 784 512 128 512 512 1024 1024 1024 2048 2048 2048)
: >"$out/results.txt"
for threads in 1 2; do
  for form in NN NT TN; do
    args=()
    for ((i = 0; i < ${#shapes[@]}; i += 3)); do
      args+=("${shapes[i]}" "${shapes[i + 1]}" "${shapes[i + 2]}" "$form")
    done
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS="$threads" \
      "$out/sgemm_bench" "$repeats" "$sample" "${args[@]}" 2>/dev/null >>"$out/results.txt"
    "$java" --add-modules jdk.incubator.vector -cp "$bench/target/benchmarks.jar" \
      dev.lernwerk.bench.GemmTiming "$threads" "$repeats" "$sample" "${args[@]}" 2>/dev/null \
      >>"$out/results.txt"
  done
done

for threads in 1 2; do
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$java" --add-modules jdk.incubator.vector \
    --enable-native-access=ALL-UNNAMED -cp "$bench/target/benchmarks.jar" \
    dev.lernwerk.bench.GemmVsOpenBlas "$threads" "$repeats" "$sample" \
    $(for form in NN NT TN; do for ((i = 0; i < ${#shapes[@]}; i += 3)); do
      echo "${shapes[i]} ${shapes[i + 1]} ${shapes[i + 2]} $form"; done; done) \
    2>/dev/null >>"$out/results.txt"
done

load_end="$(cut -d' ' -f1-3 /proc/loadavg)"
core="$(grep -m1 '^# core' "$out/results.txt" | awk '{print $3}')"
path="$(grep -m1 '^# lernwerk' "$out/results.txt" | awk '{print $3}')"
echo "OpenBLAS core: $core; lernwerk: $path path; CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores"
echo "Load average (1, 5, 15 min) at start: $load_start; at end: $load_end"
echo "GFLOP/s, median of $repeats samples of >= ${sample}s each; ratio = lernwerk / OpenBLAS"
echo
echo "Separate processes (sgemm_bench.c, then GemmTiming):"
echo
awk '
  /^openblas / { key = $2 "x" $3 "x" $4 " " $5 " " $6; ob[key] = $7; if (!(key in seen)) { seen[key] = 1; order[n++] = key } }
  /^lernwerk / { key = $2 "x" $3 "x" $4 " " $5 " " $6; lw[key] = $7 }
  END {
    printf "| %-16s | %-4s | %-7s | %-8s | %-8s | %-5s |\n", "MxKxN", "form", "threads", "lernwerk", "OpenBLAS", "ratio"
    printf "|%s|%s|%s|%s|%s|%s|\n", "------------------", "------", "---------", "----------", "----------", "-------"
    for (i = 0; i < n; i++) {
      split(order[i], f, " ")
      r = (ob[order[i]] > 0) ? lw[order[i]] / ob[order[i]] : 0
      printf "| %-16s | %-4s | %7s | %8s | %8s | %5.2f |\n", f[1], f[2], f[3], lw[order[i]], ob[order[i]], r
    }
  }' "$out/results.txt"
echo
echo "One process, samples interleaved (GemmVsOpenBlas); median, and best sample:"
echo
awk '
  /^interleaved / { key = $2 "x" $3 "x" $4 " " $5 " " $6; lw[key] = $7; ob[key] = $8; lwb[key] = $9; obb[key] = $10; order[n++] = key }
  END {
    printf "| %-16s | %-4s | %-7s | %-8s | %-8s | %-5s | %-8s | %-8s | %-5s |\n", "MxKxN", "form", "threads", "lernwerk", "OpenBLAS", "ratio", "best lw", "best OB", "ratio"
    printf "|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n", "------------------", "------", "---------", "----------", "----------", "-------", "----------", "----------", "-------"
    for (i = 0; i < n; i++) {
      split(order[i], f, " ")
      k = order[i]
      r = (ob[k] > 0) ? lw[k] / ob[k] : 0
      rb = (obb[k] > 0) ? lwb[k] / obb[k] : 0
      printf "| %-16s | %-4s | %7s | %8s | %8s | %5.2f | %8s | %8s | %5.2f |\n", f[1], f[2], f[3], lw[k], ob[k], r, lwb[k], obb[k], rb
    }
  }' "$out/results.txt"
