# Sourced by the comparison scripts: stops with what to install when Debian's PyTorch is missing.
#   lernwerk_require_torch NAME
lernwerk_require_torch() {
  [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import torch' 2>/dev/null || {
    echo "$1: PyTorch is missing: apt-get install -y python3-torch" >&2
    exit 1
  }
}
