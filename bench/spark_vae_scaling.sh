#!/usr/bin/env bash
# VAE training throughput on a standalone Spark cluster on this machine (a master and two workers of
# 1 core each on 127.0.0.1, bench/spark_standalone.sh) against `vae train` with 1 and 2 threads, on
# the bundled digits (9,000 training images, 784 pixels), model 784-64-8, batches of 100 (90 steps
# per epoch), 2 epochs; the second (warm) epoch is timed from metrics.json, so JVM and Spark
# start-up are left out.
#   bench/spark_vae_scaling.sh [WORKDIR]   (default: a fresh temporary directory, kept for inspection)
# Runs:
#   vae train --threads 1 | 2                         the local trainer (fused kernels, 1 or 2 threads)
#   spark vae train --sync steps, 1 | 2 executors      one Spark job per step, 1 or 2 partitions
#   spark vae train --sync average --average-every 10  one Spark job per 10 steps, 1 or 2 partitions
# Each executor has 1 core and runs the kernels on 1 thread (-Delbo4j.threads=1); "1 executor" is
# spark.cores.max=1 with 1 partition, "2 executors" spark.cores.max=2 with 2 partitions.
# Prints images/s, the ratio to vae train --threads 1, the scaling efficiency of 2 executors
# (throughput(2) / (2 · throughput(1))), the final test ELBO (averaging over 2 partitions is a
# different algorithm), and where the time of a Spark job goes (the trainer's SparkTimings line for
# the timed epoch: broadcast, scheduling/launch/merge, broadcast fetch, partition compute, driver update).
# The machine this ran on (2 vCPUs) was shared with other work, so times are rough.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
work="${1:-$(mktemp -d "${TMPDIR:-/tmp}/elbo4j-spark-scaling.XXXXXX")}"
mkdir -p "$work"
py=/usr/bin/python3
digits="$root/elbo4j-cli/src/main/resources/org/elbo4j/data"
every=10

# shellcheck source=bench/spark_standalone.sh
source "$root/bench/spark_standalone.sh"

opts=(--data "$digits" --epochs 2 --hidden 64 --latent 8 --batch 100 --seed 3)
run() {  # run LABEL COMMAND...: output in $work/LABEL, log in $work/logs/LABEL.out
  local label="$1"; shift
  echo "running $label"
  "$@" --out "$work/$label" >"$work/logs/$label.out" 2>&1 \
    || { echo "FAILED: $label (see $work/logs/$label.out)"; tail -5 "$work/logs/$label.out"; exit 1; }
}
for t in 1 2; do
  run "local-threads$t" "$root/elbo4j" vae train "${opts[@]}" --threads "$t"
done
for mode in steps average; do
  for e in 1 2; do
    ELBO4J_SPARK_JAVA_OPTS="-Xmx1g -Dspark.cores.max=$e -Dspark.executor.cores=1 -Dspark.executor.extraJavaOptions=-Delbo4j.threads=1" \
      run "spark-$mode-exec$e" "$root/elbo4j" spark vae train "${opts[@]}" --master "$master_url" --partitions "$e" \
      --sync "$mode" --average-every "$every"
  done
done

"$py" - "$work" <<'PY'
import json, os, re, sys
work = sys.argv[1]
def epoch2(label):
    m = json.load(open(os.path.join(work, label, 'metrics.json')))
    e = m['epochs'][-1]
    return e['seconds'], e['test_elbo']
def timing(label):
    lines = [l.strip() for l in open(os.path.join(work, 'logs', label + '.out')) if l.strip().startswith('spark:')]
    return lines[-1][len('spark: '):] if lines else ''
n = 9000
base = epoch2('local-threads1')[0]
rows = []
print(f"{'run':34s} {'epoch s':>8s} {'images/s':>9s} {'vs local 1 thread':>18s} {'test ELBO':>10s}")
for label, name in [('local-threads1', 'vae train --threads 1'), ('local-threads2', 'vae train --threads 2'),
                    ('spark-steps-exec1', 'spark --sync steps, 1 executor'),
                    ('spark-steps-exec2', 'spark --sync steps, 2 executors'),
                    ('spark-average-exec1', 'spark --sync average, 1 executor'),
                    ('spark-average-exec2', 'spark --sync average, 2 executors')]:
    s, elbo = epoch2(label)
    rows.append((label, s))
    print(f"{name:34s} {s:8.1f} {n / s:9.0f} {base / s:18.2f} {elbo:10.2f}")
t = dict(rows)
print(f"scaling efficiency of 2 threads (local):        {t['local-threads1'] / t['local-threads2'] / 2:.2f}")
for mode in ('steps', 'average'):
    print(f"scaling efficiency of 2 executors (--sync {mode:7s}): "
          f"{t[f'spark-{mode}-exec1'] / t[f'spark-{mode}-exec2'] / 2:.2f}")
print("where the time of a Spark job goes (timed epoch):")
for mode in ('steps', 'average'):
    for e in (1, 2):
        print(f"  --sync {mode}, {e} executor{'s' if e > 1 else ''}: {timing(f'spark-{mode}-exec{e}')}")
PY
echo "done; stopping the cluster"
