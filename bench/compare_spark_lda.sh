#!/usr/bin/env bash
# Online LDA on Spark side by side (not a test): elbo4j-spark (SparkOnlineLda) vs MLlib
# org.apache.spark.ml.clustering.LDA with optimizer "online", in one Spark session on MASTER, on the
# same cached DataFrame of term-count vectors (the Debian descriptions, prepared as
# bench/compare_lda.sh does: first DOCS documents, 10% held out), the same K, alpha = eta = 1/K
# fixed, tau0 = 10, kappa = 0.7, and the same number of documents seen (PASSES passes of minibatches
# of BATCH for elbo4j; ceil(D/BATCH)*PASSES iterations of subsamplingRate BATCH/D for MLlib).
# Held-out perplexity of both by document completion, computed by one numpy function
# (lda_bench.py completion_perplexity: half of each held-out document's tokens fit gamma with lambda
# and alpha fixed, the other half scored with E[theta] E[beta]); wall time of each fit (elbo4j's
# includes dealing the documents to the partitions and theta of every training document; MLlib's is
# given without and with model.transform collecting the same). Ratios elbo4j / MLlib.
# Both fits run once untimed on 2*BATCH documents first (JIT and Spark warm-up).
#   bench/compare_spark_lda.sh [DOCS=5000] [PASSES=2] [BATCH=256] [K=20] [MASTER=local[2]]
# Needs /usr/bin/python3 with numpy and scipy, and the Debian descriptions (tools/make_debian_corpus.py).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
docs="${1:-5000}"; passes="${2:-2}"; batch="${3:-256}"; k="${4:-20}"; master="${5:-local[2]}"
work="${SPARK_LDA_BENCH_DIR:-/tmp/elbo4j-spark-lda-bench}"
text="${LDA_TEXT:-$work/debian-all.txt}"
py=/usr/bin/python3
mkdir -p "$work"
[ -s "$text" ] || "$py" "$root/tools/make_debian_corpus.py" --out "$text"
"$py" "$root/bench/lda_bench.py" prepare "$text" "$docs" "$work"
"$root/elbo4j" spark --help >/dev/null
cp_file="$root/elbo4j-spark/target/spark-classpath.txt"
flags=$(sed -n 's:.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*:\1:p' "$root/elbo4j-spark/pom.xml")
partitions=$(echo "$master" | sed -n 's/^local\[\([0-9]*\)\]$/\1/p'); partitions="${partitions:-2}"
# shellcheck disable=SC2086
java $flags --add-modules=jdk.incubator.vector -Xmx2g \
    -Dlog4j2.configurationFile="$root/elbo4j-spark/log4j2-cli.properties" \
    -cp "$root/elbo4j-spark/target/elbo4j-spark.jar:$(cat "$cp_file")" \
    "$root/bench/spark/SparkLdaBench.java" "$work" "$k" "$passes" "$batch" "$master" "$partitions"
"$py" -c "
import json, sys
sys.path.insert(0, '$root/bench')
import numpy as np
from lda_bench import completion_perplexity
work, k = '$work', $k
t = np.load(work + '/test.npz', allow_pickle=True)
alpha = np.full(k, 1.0 / k)
times = json.load(open(work + '/spark_times.json'))
p = {}
for name in ('elbo4j_spark', 'mllib'):
    lam = np.loadtxt(work + '/' + name + '_lambda.txt', ndmin=2)
    p[name] = completion_perplexity(lam, alpha, t['obs'], t['held'])
print(f\"D = {times['docs']}, V = {times['vocab']}, K = {k}, passes = {times['passes']}, batch = {times['batch']}, master = {times['master']}, partitions = {times['partitions']}\")
print(f\"held-out completion perplexity: elbo4j-spark {p['elbo4j_spark']:.1f}, MLlib online {p['mllib']:.1f}, ratio {p['elbo4j_spark'] / p['mllib']:.3f}\")
print(f\"wall time: elbo4j-spark {times['elbo4j_seconds']:.1f} s (fit and theta of every document), MLlib online {times['mllib_seconds']:.1f} s (fit), ratio {times['elbo4j_seconds'] / times['mllib_seconds']:.3f}\")
print(f\"           MLlib fit + transform (theta of every document) {times['mllib_with_theta_seconds']:.1f} s, ratio {times['elbo4j_seconds'] / times['mllib_with_theta_seconds']:.3f}\")
"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
