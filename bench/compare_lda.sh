#!/usr/bin/env bash
# Online LDA side by side (not a test): elbo4j (2 threads) vs scikit-learn LatentDirichletAllocation
# (learning_method='online', n_jobs=2) vs gensim LdaMulticore (workers=1), K topics, the same
# documents, passes and batch size, alpha = eta = 1/K fixed; held-out perplexity by document
# completion computed by one numpy function for all three, wall time of the fit, and tokens per
# second (elbo4j: of its E-step alone; the others: of the whole fit).
#   bench/compare_lda.sh [DOCS=20000] [PASSES=3] [BATCH=256] [K=20]
# Needs /usr/bin/python3 with numpy, scipy, python3-sklearn and python3-gensim (apt), and the
# Debian descriptions: apt-get update -o Acquire::Languages=en (see tools/make_debian_corpus.py).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
docs="${1:-20000}"; passes="${2:-3}"; batch="${3:-256}"; k="${4:-20}"
work="${LDA_BENCH_DIR:-/tmp/elbo4j-lda-bench}"
text="$work/debian-all.txt"
py=/usr/bin/python3
mkdir -p "$work"
[ -s "$text" ] || "$py" "$root/tools/make_debian_corpus.py" --out "$text"
"$py" "$root/bench/lda_bench.py" prepare "$text" "$docs" "$work"
alpha=$("$py" -c "print(1/$k)")
"$root/elbo4j" topics fit --docs "$work/train/docword.txt" --format uci --k "$k" --passes "$passes" \
    --batch-size "$batch" --alpha "$alpha" --eta "$alpha" --holdout 0 --threads 2 --out "$work/elbo4j"
"$py" "$root/bench/lda_bench.py" fit-others "$work" "$k" "$passes" "$batch"
"$py" "$root/bench/lda_bench.py" report "$work" "$k" "$passes"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
