#!/usr/bin/env bash
# Times the logistic model's three double-precision kernels on one Spark partition's share of
# issue 13's benchmark (N = 500,000 rows, D = 100, an intercept): Newton's gradient and Hessian
# (curvature), the natural-gradient pass (expectations) and the evidence's log-likelihoods at K points
# (evidence), each in a fresh JVM: the first (cold) call and the best of R warm calls, with the
# CPU times (robust on a loaded machine). With a git revision BEFORE, the same harness runs against
# that revision's LogisticLikelihood, LogisticExpectations, ColumnKernels and LogisticRegression too.
#   bench/logistic_kernels.sh [BEFORE [N [D [K [R]]]]]      (default: none, 500000 100 1000 3)
# Needs `mvn -o -q test-compile -pl elbo4j-core` first (the harness is
# elbo4j-core/src/test/java/org/elbo4j/bayes/models/LogisticKernelTiming.java).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
before="${1:-}"; n="${2:-500000}"; d="${3:-100}"; k="${4:-1000}"; r="${5:-3}"
m2="${HOME}/.m2/repository/org/apache/commons"
cp="$root/elbo4j-core/target/classes:$root/elbo4j-core/target/test-classes"
cp="$cp:$(ls "$m2"/commons-numbers-gamma/*/commons-numbers-gamma-*.jar | head -1)"
cp="$cp:$(ls "$m2"/commons-numbers-core/*/commons-numbers-core-*.jar | head -1)"
run() {  # run LABEL EXTRA_CLASSPATH_PREFIX
  for kernel in curvature expectations evidence; do
    printf '%-7s ' "$1"
    java --add-modules jdk.incubator.vector -Xmx3g -cp "$2$cp" org.elbo4j.bayes.models.LogisticKernelTiming \
      "$kernel" "$n" "$d" "$k" "$([ "$kernel" = evidence ] && echo 1 || echo "$r")" 2>&1 | grep -v '^WARNING'
  done
}
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -n "$before" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  mkdir -p "$tmp/src" "$tmp/classes"
  for f in LogisticLikelihood LogisticExpectations ColumnKernels LogisticRegression; do
    git -C "$root" show "$before:elbo4j-core/src/main/java/org/elbo4j/bayes/models/$f.java" >"$tmp/src/$f.java"
  done
  javac --release 17 -nowarn -cp "$cp" -d "$tmp/classes" "$tmp"/src/*.java 2>&1 | grep -v '^Note' || true
  run before "$tmp/classes:"
fi
run after ""
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
