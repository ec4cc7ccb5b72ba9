# Sourced by ./build and the launch scripts: prints the home of a JDK >= 25, or explains what to install.
lernwerk_java_major() {
  # prints the major version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n1
}
lernwerk_find_jdk() {
  local min=25 cand major
  local -a cands=()
  [ -n "${JAVA_HOME:-}" ] && cands+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    cands+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for cand in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /opt/*jdk* "$HOME"/.jdks/* "$HOME"/.sdkman/candidates/java/*; do
    [ -d "$cand" ] && cands+=("$cand")
  done
  for cand in "${cands[@]}"; do
    if [ -x "$cand/bin/java" ] && [ -x "$cand/bin/javac" ]; then
      major="$(lernwerk_java_major "$cand/bin/java")"
      if [ -n "$major" ] && [ "$major" -ge "$min" ]; then
        echo "$cand"
        return 0
      fi
    fi
  done
  {
    echo "lernwerk needs a JDK $min or newer and found none (looked at JAVA_HOME, java on PATH, /usr/lib/jvm, /usr/java, /opt, ~/.jdks, ~/.sdkman)."
    echo "Install one, for example Temurin 25 (https://adoptium.net: package temurin-25-jdk on Debian/Ubuntu),"
    echo "or point JAVA_HOME at an installed JDK 25."
  } >&2
  return 1
}
