#!/usr/bin/env bash
# elbo4j-spark's Bayesian logistic regression (full-rank VI: posterior means, sds, log evidence,
# k̂) against MLlib's LogisticRegression at the MAP of the same model, on the same Parquet, in the
# same master, one JVM each, one after the other.
#   bench/compare_spark_logistic.sh [WORKDIR] [N,D ...]     (default: /tmp/elbo4j-spark-logistic,
#                                                           1000000,20 1000000,100)
#   ELBO4J_SPARK_FIT_ARGS="--optimizer natural"   extra options of `elbo4j spark fit` (default: none, Adam);
#                                                with natural: exact natural-gradient steps, one Spark job each
# Model: beta_j, intercept ~ N(0, TAU^2), y ~ Bernoulli(sigmoid(intercept + x.beta)), TAU = 1.
# elbo4j: defaults (Laplace start, Adam, 1000 evidence draws for log p(D) and khat) and the summaries
# from 100,000 draws of the fitted Gaussian (--no-psis --posterior-draws 100000: no model evaluations;
# the default 1000 PSIS draws would add a Monte Carlo error of sd/sqrt(1000) = 0.03 sd to each mean).
# MLlib: regParam = 1/(N TAU^2), elasticNetParam = 0, standardization = false, intercept fitted and
# (unlike elbo4j) not penalised; tol 1e-6 (MLlib's default), maxIter 200; with MLLIB_TIGHT=1 also tol
# 1e-10 (else that column repeats the 1e-6 one).
# Data: bench sources in elbo4j-spark/src/test/java/org/elbo4j/spark/bench (LogisticBenchData:
# x ~ N(0, I_D), alpha = 0.3, beta_j = (-1)^j (1 + j mod 3)/sqrt(D)), Parquet in 4 files, kept in
# WORKDIR for later runs. Prints per case: max_j |mean_j - mllib_j| / sd_j over the D + 1
# coefficients, and the wall times of the two processes (JVM and Spark start included) and of the
# fits (elbo4j: BayesFit after the rows are cached; MLlib: reading, counting and fit, which caches),
# and their CPU seconds (user + sys: robust on a loaded machine, unlike the wall times),
# and from Spark's event logs the number of jobs of each application and the time spent inside them.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
work="${1:-/tmp/elbo4j-spark-logistic}"
shift || true
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=(1000000,20 1000000,100)
master="${MASTER:-local[2]}"
tau=1
py=/usr/bin/python3
# the heap of both sides; Spark's event log (system properties spark.* are Spark settings) for the job counts
events="$work/events"
mkdir -p "$events"
export ELBO4J_SPARK_JAVA_OPTS="${ELBO4J_SPARK_JAVA_OPTS:--Xmx5g} -Dspark.eventLog.enabled=true -Dspark.eventLog.dir=$events -Dspark.eventLog.compress=false -Dspark.eventLog.rolling.enabled=false"
mkdir -p "$work"

"$root/elbo4j" spark --help >/dev/null   # builds elbo4j-spark.jar and Spark's class path
cp="$root/elbo4j-spark/target/elbo4j-spark.jar:$(cat "$root/elbo4j-spark/target/spark-classpath.txt")"
flags=$(sed -n 's:.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*:\1:p' "$root/elbo4j-spark/pom.xml")
java=java
mkdir -p "$work/classes"
javac -nowarn -d "$work/classes" -cp "$cp" "$root"/elbo4j-spark/src/test/java/org/elbo4j/spark/bench/*.java
run_java() {  # shellcheck disable=SC2086
  "$java" $flags -Xmx5g -Dspark.eventLog.enabled=true -Dspark.eventLog.dir="$events" -Dspark.eventLog.compress=false \
    -Dspark.eventLog.rolling.enabled=false -Dlog4j2.configurationFile="$root/elbo4j-spark/log4j2-cli.properties" \
    -cp "$work/classes:$cp" "$@"
}
now() { date +%s.%N; }
# cpu FILE CMD...: runs CMD, writing its CPU seconds (user + sys of it and its children) to FILE
cpu() { local f="$1"; shift; local TIMEFORMAT='%1U + %1S s'; { time "$@" 2>&3; } 3>&2 2>"$f"; }

echo "elbo4j spark fit extra options: ${ELBO4J_SPARK_FIT_ARGS:-(none)}"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-10s %4s | %-28s | %-22s | %-22s | %s\n' N D "max |mean-mllib|/sd (tol 1e-6, 1e-10)" \
  "elbo4j s (process/fit)" "mllib s (process/fit)" "ratio elbo4j/mllib (process, fit)"
for c in "${cases[@]}"; do
  n="${c%,*}"; d="${c#*,}"
  data="$work/logistic-n$n-d$d.parquet"
  [ -d "$data" ] || run_java org.elbo4j.spark.bench.LogisticBenchData "$data" "$n" "$d" 4 1 "$master" >"$work/gen.log" 2>&1
  out="$work/elbo4j-n$n-d$d"
  rm -rf "$out" "$events"/*
  t0=$(now)
  cpu /tmp/elbo4j-cpu.$$ "$root/elbo4j" spark fit --model logistic --data "$data" --features x --target y --guide fullrank \
    --prior-scale "$tau" --seed 1 --no-psis --posterior-draws 100000 --master "$master" --out "$out" \
    ${ELBO4J_SPARK_FIT_ARGS:-} >"$work/elbo4j-n$n-d$d.log"
  t1=$(now)
  cpu /tmp/mllib-cpu.$$ run_java org.elbo4j.spark.bench.MllibLogistic "$data" "$tau" 1e-6 200 \
    "$work/mllib-n$n-d$d.json" "$master" >"$work/mllib-n$n-d$d.log" 2>&1
  t2=$(now)
  echo "    CPU s (user + sys, JVM start included): elbo4j $(cat /tmp/elbo4j-cpu.$$), mllib $(cat /tmp/mllib-cpu.$$)"
  rm -f /tmp/elbo4j-cpu.$$ /tmp/mllib-cpu.$$
  "$py" - "$events" <<'PY'
import glob, json, os, sys
# one event log per application, in start order: elbo4j, then MLlib (tol 1e-6); jobs and their summed wall time
for f in sorted((g for g in glob.glob(os.path.join(sys.argv[1], '*')) if os.path.isfile(g)), key=os.path.getmtime):
    starts, total, name = {}, 0.0, '?'
    for line in open(f):
        e = json.loads(line)
        if e['Event'] == 'SparkListenerApplicationStart': name = e['App Name']
        elif e['Event'] == 'SparkListenerJobStart': starts[e['Job ID']] = e['Submission Time']
        elif e['Event'] == 'SparkListenerJobEnd': total += (e['Completion Time'] - starts[e['Job ID']]) / 1000
    print(f"    {name}: {len(starts)} Spark jobs, {total:.1f} s inside jobs ({total / max(len(starts), 1):.3f} s per job)")
PY
  if [ -n "${MLLIB_TIGHT:-}" ]; then   # MLlib once more at tol 1e-10, to see that tol 1e-6 had converged
    run_java org.elbo4j.spark.bench.MllibLogistic "$data" "$tau" 1e-10 200 "$work/mllib10-n$n-d$d.json" "$master" \
      >"$work/mllib10-n$n-d$d.log" 2>&1
  else
    cp "$work/mllib-n$n-d$d.json" "$work/mllib10-n$n-d$d.json"
  fi
  "$py" - "$out/fit.json" "$work/mllib-n$n-d$d.json" "$work/mllib10-n$n-d$d.json" "$t0" "$t1" "$t2" "$n" "$d" <<'PY'
import json, sys
fit = json.load(open(sys.argv[1])); ml = json.load(open(sys.argv[2])); ml10 = json.load(open(sys.argv[3]))
t0, t1, t2 = map(float, sys.argv[4:7]); n, d = sys.argv[7], int(sys.argv[8])
post = fit['posterior']
def worst(m):
    ref = [m['intercept']] + m['coefficients']
    names = ['intercept'] + [f'beta[{j}]' for j in range(d)]
    return max(abs(post[k]['mean'] - r) / post[k]['sd'] for k, r in zip(names, ref))
e_proc, m_proc = t1 - t0, t2 - t1
e_fit = fit['seconds']; m_fit = ml['seconds_fit']
print(f"{n:<10} {d:4d} | {worst(ml):12.4f} {worst(ml10):12.4f}   | {e_proc:9.1f} {e_fit:9.1f}    |"
      f" {m_proc:9.1f} {m_fit:9.1f}    | {e_proc / m_proc:5.2f} {e_fit / m_fit:5.2f}")
print(f"    elbo4j: verdict {fit['verdict']}, {fit['steps']} steps, log evidence {fit['log_evidence']:.2f}"
      f" (se {fit['log_evidence_stderr']:.3f}), khat {fit['khat']:.3f}; MLlib iterations {ml['iterations']}"
      f" (tol 1e-6), {ml10['iterations']} (tol 1e-10, {ml10['seconds_fit']:.1f} s fit)")
PY
done
