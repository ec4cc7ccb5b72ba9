# Sourced by the scripts that compare lernwerk with PyTorch, after they set $here (this folder):
#   source "$here/vs-torch-setup.sh" NAME
# Stops with what to install when Debian's PyTorch is missing, finds JDK 25 (exports JAVA_HOME),
# builds the benchmark jar and sets $root and $jar.
root="$(cd "$here/../.." && pwd)"
[ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import torch' 2>/dev/null || {
  echo "$1: PyTorch is missing: apt-get install -y python3-torch" >&2
  exit 1
}
source "$root/scripts/find-jdk.sh"
JAVA_HOME="$(lernwerk_find_jdk)"; export JAVA_HOME
jar="$root/lernwerk-bench/target/benchmarks.jar"
"$root/build" -q -B install -DskipTests -pl lernwerk-bench -am >&2
