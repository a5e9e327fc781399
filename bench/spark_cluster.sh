#!/usr/bin/env bash
# A real Spark cluster on this machine: a standalone master and two workers (1 core, 1 GiB each) on
# 127.0.0.1, started from the Spark jars Maven resolved for elbo4j-spark (no Spark download), runs
# each distributed job of `elbo4j spark` against spark://127.0.0.1:7077, checks it against the local
# command, and stops every process it started (also on failure or Ctrl-C).
#   bench/spark_cluster.sh [WORKDIR]      (default: a fresh temporary directory, kept for inspection)
# Checks:
#   1. spark vae train, 1 partition        = vae train, bit for bit (model.safetensors compared with cmp)
#   1b. the same with --sync average     = vae train, bit for bit (one partition: averaging changes nothing)
#   2. spark vae train, 2 partitions       ≈ vae train (weights within 1e-3 relative in norm: summation order)
#   3. spark convert (IDX → Parquet), then spark vae train on the Parquet = check 1's model, bit for bit
#   4. spark fit --model logistic          = fit (posterior means and sds, log evidence within 1e-6 relative)
#   5. spark topics fit, 1 partition       = topics fit, bit for bit (model.json compared with cmp)
#   6. spark topics fit, 2 partitions      ≈ topics fit (lambda within 1e-6 relative: summation order)
# Times are printed per job; the machine this ran on (2 vCPUs) was shared, so they are rough.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
work="${1:-$(mktemp -d "${TMPDIR:-/tmp}/elbo4j-spark-cluster.XXXXXX")}"
mkdir -p "$work"
py=/usr/bin/python3
digits="$root/elbo4j-cli/src/main/resources/org/elbo4j/data"

# shellcheck source=bench/spark_standalone.sh
source "$root/bench/spark_standalone.sh"

timed() {  # timed LABEL COMMAND...: runs it, prints its wall time
  local label="$1" t0 t1; shift
  t0=$(date +%s.%N)
  "$@" >"$work/logs/$label.out" 2>&1 || { echo "FAILED: $label (see $work/logs/$label.out)"; tail -5 "$work/logs/$label.out"; exit 1; }
  t1=$(date +%s.%N)
  printf '%-28s %6.1f s\n' "$label" "$(echo "$t1 - $t0" | bc)"
}
export ELBO4J_SPARK_JAVA_OPTS="-Xmx1g"
vae_opts=(--epochs 1 --hidden 64 --latent 8 --batch 100 --seed 3)
spark=("$root/elbo4j" spark)

timed "local vae train" "$root/elbo4j" vae train --data "$digits" "${vae_opts[@]}" --out "$work/vae-local"
timed "spark vae train, P=1" "${spark[@]}" vae train --data "$digits" "${vae_opts[@]}" --out "$work/vae-p1" \
  --master "$master_url" --partitions 1
cmp "$work/vae-local/model.safetensors" "$work/vae-p1/model.safetensors"
echo "check 1: 1 partition on the cluster = local vae train, bit for bit"
timed "spark vae train, avg P=1" "${spark[@]}" vae train --data "$digits" "${vae_opts[@]}" --out "$work/vae-avg1" \
  --master "$master_url" --partitions 1 --sync average --average-every 10
cmp "$work/vae-local/model.safetensors" "$work/vae-avg1/model.safetensors"
echo "check 1b: --sync average on 1 partition = local vae train, bit for bit"

timed "spark vae train, P=2" "${spark[@]}" vae train --data "$digits" "${vae_opts[@]}" --out "$work/vae-p2" \
  --master "$master_url" --partitions 2
"$py" - "$work/vae-local/model.safetensors" "$work/vae-p2/model.safetensors" <<'PY'
import json, struct, sys
import numpy as np
def load(p):
    b = open(p, 'rb').read(); n = struct.unpack('<Q', b[:8])[0]; h = json.loads(b[8:8 + n]); out = {}
    for k, v in h.items():
        if k == '__metadata__': continue
        s, e = v['data_offsets']; out[k] = np.frombuffer(b[8 + n + s:8 + n + e], dtype=np.float32)
    return out
a, b = load(sys.argv[1]), load(sys.argv[2])
diff = np.sqrt(sum(((a[k] - b[k]).astype(np.float64) ** 2).sum() for k in a))
norm = np.sqrt(sum((a[k].astype(np.float64) ** 2).sum() for k in a))
print(f"check 2: 2 partitions vs local: relative weight difference {diff / norm:.2e}")
assert diff / norm < 1e-3, "too far apart"
PY

timed "spark convert" "${spark[@]}" convert --data "$digits" --out "$work/digits.parquet" --master "$master_url"
timed "spark vae train, parquet" "${spark[@]}" vae train --data "$work/digits.parquet" "${vae_opts[@]}" \
  --out "$work/vae-parquet" --master "$master_url" --partitions 1
cmp "$work/vae-local/model.safetensors" "$work/vae-parquet/model.safetensors"
echo "check 3: IDX -> Parquet -> spark vae train = local vae train, bit for bit"

"$py" - "$work/logistic.csv" <<'PY'
import sys
import numpy as np
rng = np.random.default_rng(7)
n, d = 5000, 5
x = rng.normal(size=(n, d)); beta = np.array([1.0, -0.5, 0.25, 0.0, 2.0])
y = (rng.random(n) < 1 / (1 + np.exp(-(0.3 + x @ beta)))).astype(int)
with open(sys.argv[1], 'w') as f:
    f.write(','.join([f'x{j + 1}' for j in range(d)] + ['y']) + '\n')
    for i in range(n):
        f.write(','.join(repr(float(v)) for v in x[i]) + f',{y[i]}\n')
PY
fit_opts=(--model logistic --data "$work/logistic.csv" --guide fullrank --seed 1)
timed "local fit" "$root/elbo4j" fit "${fit_opts[@]}" --out "$work/fit-local"
timed "spark fit, P=2" "${spark[@]}" fit "${fit_opts[@]}" --out "$work/fit-spark" --master "$master_url" --partitions 2
"$py" - "$work/fit-local/fit.json" "$work/fit-spark/fit.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
worst = 0.0
for name, s in a['posterior'].items():
    for key in ('mean', 'sd'):
        u, v = s[key], b['posterior'][name][key]
        worst = max(worst, abs(u - v) / max(abs(u), 1e-300))
worst = max(worst, abs(a['log_evidence'] - b['log_evidence']) / abs(a['log_evidence']))
print(f"check 4: spark fit vs fit: largest relative difference {worst:.1e} (steps {a['steps']} / {b['steps']},"
      f" khat {a['khat']:.3f} / {b['khat']:.3f})")
assert worst < 1e-6 and a['steps'] == b['steps']
PY
topics_opts=(--docs "$root/data/debian-descriptions.txt" --k 10 --passes 2 --seed 1)
timed "local topics fit" "$root/elbo4j" topics fit "${topics_opts[@]}" --out "$work/topics-local"
timed "spark topics fit, P=1" "${spark[@]}" topics fit "${topics_opts[@]}" --out "$work/topics-p1" \
  --master "$master_url" --partitions 1
cmp "$work/topics-local/model.json" "$work/topics-p1/model.json"
echo "check 5: spark topics fit, 1 partition = local topics fit (model.json byte for byte)"
timed "spark topics fit, P=2" "${spark[@]}" topics fit "${topics_opts[@]}" --out "$work/topics-p2" \
  --master "$master_url" --partitions 2
"$py" - "$work/topics-local/model.json" "$work/topics-p2/model.json" <<'PY'
import json, sys
import numpy as np
a, b = (json.load(open(p)) for p in sys.argv[1:3])
la, lb = np.array(a['lambda'], dtype=float), np.array(b['lambda'], dtype=float)
worst = float(np.max(np.abs(la - lb) / np.abs(la)))
print(f"check 6: spark topics fit, 2 partitions vs local: largest relative difference of lambda {worst:.1e}")
assert worst < 1e-6, "too far apart"
PY

echo "all checks passed; stopping the cluster"
