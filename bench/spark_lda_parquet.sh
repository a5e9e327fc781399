#!/usr/bin/env bash
# elbo4j spark topics fit reading the same corpus from a text file (--format lines, read and
# tokenized on the driver) and from Parquet (--format parquet --text text, read and tokenized by the
# executors), not a test: the first DOCS Debian descriptions (tools/make_debian_corpus.py), written
# to Parquet by elbo4j spark convert --format lines. Prints the wall time of the convert and of
# each whole command (JVM and Spark start, reading, fit, report) with the fit's own seconds from its
# last line, and checks that both fits wrote the same model.json and doc_topics.csv.
#   bench/spark_lda_parquet.sh [DOCS=20000] [K=20] [PASSES=2] [BATCH=256] [MASTER=local[2]]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
docs="${1:-20000}"; k="${2:-20}"; passes="${3:-2}"; batch="${4:-256}"; master="${5:-local[2]}"
work="${SPARK_LDA_PARQUET_DIR:-/tmp/elbo4j-spark-lda-parquet}"
text="${LDA_TEXT:-$work/debian-all.txt}"
mkdir -p "$work"
[ -s "$text" ] || /usr/bin/python3 "$root/tools/make_debian_corpus.py" --out "$text"
head -n "$docs" "$text" > "$work/docs.txt"
rm -rf "$work/docs.parquet" "$work/fit-lines" "$work/fit-parquet"
"$root/elbo4j" spark --help >/dev/null
seconds() { local t0; t0=$(date +%s.%N); "$@" 2> "$work/last.log"; echo "$(date +%s.%N) - $t0" | bc; }
fit_seconds() { sed -n 's/.* after [0-9]* passes (\([0-9.]*\) s).*/\1/p' "$work/last.log"; }
common=(--k "$k" --passes "$passes" --batch-size "$batch" --master "$master")
c=$(seconds "$root/elbo4j" spark convert --data "$work/docs.txt" --format lines --out "$work/docs.parquet" \
    --master "$master")
a=$(seconds "$root/elbo4j" spark topics fit --docs "$work/docs.txt" "${common[@]}" --out "$work/fit-lines")
fa=$(fit_seconds); head -1 "$work/last.log"
b=$(seconds "$root/elbo4j" spark topics fit --docs "$work/docs.parquet" --format parquet --text text "${common[@]}" \
    --out "$work/fit-parquet")
fb=$(fit_seconds)
same=yes
for f in model.json doc_topics.csv; do cmp -s "$work/fit-lines/$f" "$work/fit-parquet/$f" || same=no; done
printf 'convert lines -> Parquet: %.1f s\n' "$c"
printf 'spark topics fit --format lines:   %.1f s wall (fit %s s)\n' "$a" "$fa"
printf 'spark topics fit --format parquet: %.1f s wall (fit %s s)\n' "$b" "$fb"
echo "same model.json and doc_topics.csv: $same"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
