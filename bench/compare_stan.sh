#!/usr/bin/env bash
# Compare `elbo4j fit` with Stan (rstan 2.21) on the same data, run one right after the other on
# the same machine: Stan's ADVI (vb, mean-field and full-rank, default settings) and NUTS
# (sampling, 4 chains x 2000, the reference posterior), then elbo4j's mean-field and full-rank
# guides (default settings). Models: logistic regression (N = 10,000, D = 20, with intercept,
# N(0, 1) priors) and eight schools (non-centred).
#
# Both ADVI implementations run with seeds 1..SEEDS (default 5), Stan's and elbo4j's interleaved
# per seed; elbo4j runs each fit REPEAT (default 5) times in one JVM (--repeat) to show the cold
# first fit and the warm ones. Prints, per model and method, medians over the seeds (worst in
# brackets) of: time, the ratios elbo4j / Stan ADVI of the same family, and the accuracy against NUTS
# over the parameters both report:
#   mean_err = max_i |mean_i - nuts_mean_i| / nuts_sd_i,   sd_err = max_i |log(sd_i / nuts_sd_i)|.
# Stan times are system.time around vb()/sampling() after untimed warm-up calls (compilation, R
# start-up and first-call set-up excluded); elbo4j's are fit.json "seconds_runs" (the in-process
# fit, diagnostics included; JVM start-up, CSV reading and report writing excluded).
#
# Usage: bench/compare_stan.sh [SEEDS]
#   REPEAT=N               fits per elbo4j process (default 5)
#   ELBO4J_FIT_ARGS="..."  adds options to every elbo4j fit (e.g. "--particles 10 --average")
#   ELBO4J_FIT_CMD="..."   the command that runs `fit` (default: ./elbo4j fit)
# Needs: Rscript with rstan + jsonlite (see /work/shared/anchors/README.md), python3 with numpy, ./elbo4j.
set -euo pipefail
cd "$(dirname "$0")/.."
seeds="${1:-5}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
logistic=bench/stan/logistic_data.csv
schools=bench/stan/eight_schools.csv
[ -f "$logistic" ] || python3 bench/stan/make_logistic_data.py "$logistic"

echo "Stan NUTS reference (4 x 2000)..." >&2
Rscript bench/stan/run_stan.R --logistic-data "$logistic" --eight-schools-data "$schools" --methods nuts \
    --chains 4 --iter 2000 > "$out/stan.jsonl" 2> "$out/stan.err" || { cat "$out/stan.err" >&2; exit 1; }

: > "$out/elbo4j.tsv"
for seed in $(seq 1 "$seeds"); do
    echo "seed $seed: Stan ADVI (meanfield, fullrank), then elbo4j fit (meanfield, fullrank)..." >&2
    Rscript bench/stan/run_stan.R --logistic-data "$logistic" --eight-schools-data "$schools" \
        --methods meanfield,fullrank --seed "$seed" >> "$out/stan.jsonl" 2> "$out/stan.err" \
        || { cat "$out/stan.err" >&2; exit 1; }
    for model in logistic eight-schools; do
        data="$logistic"
        [ "$model" = eight-schools ] && data="$schools"
        for guide in meanfield fullrank; do
            dir="$out/$model-$guide-$seed"
            # shellcheck disable=SC2086  # word splitting of the two variables is intended
            ${ELBO4J_FIT_CMD:-./elbo4j fit} --model "$model" --data "$data" --guide "$guide" --seed "$seed" \
                --repeat "${REPEAT:-5}" --out "$dir" ${ELBO4J_FIT_ARGS:-} > "$dir.log" 2>&1 \
                || { echo "elbo4j fit --model $model --guide $guide failed:" >&2; cat "$dir.log" >&2; exit 1; }
            printf '%s\t%s\t%s\n' "$model" "$guide" "$dir/fit.json" >> "$out/elbo4j.tsv"
        done
    done
done

python3 - "$out/stan.jsonl" "$out/elbo4j.tsv" <<'PY'
import collections
import json
import math
import re
import statistics
import sys

nuts = {}
advi = collections.defaultdict(list)
for line in open(sys.argv[1]):
    if line.startswith("{"):
        r = json.loads(line)
        if r["method"] == "nuts":
            nuts[r["model"]] = r
        else:
            advi[r["model"], r["method"].replace("advi-", "")].append(r)


def stan_name(name):
    """elbo4j's 0-based element names -> Stan's 1-based ones (intercept is Stan's alpha)."""
    name = {"intercept": "alpha"}.get(name, name)
    m = re.fullmatch(r"(\w+)\[(\d+)\]", name)
    if m:
        base = {"thetaTilde": "theta_tilde"}.get(m.group(1), m.group(1))
        return "%s[%d]" % (base, int(m.group(2)) + 1)
    return name


def accuracy(post, ref):
    names = [n for n in post if n in ref]
    mean_err = max(abs(post[n]["mean"] - ref[n]["mean"]) / ref[n]["sd"] for n in names)
    sd_err = max(abs(math.log(post[n]["sd"] / ref[n]["sd"])) for n in names)
    return mean_err, sd_err


ours = collections.defaultdict(list)
for line in open(sys.argv[2]):
    model, guide, path = line.rstrip("\n").split("\t")
    fit = json.load(open(path))
    fit["posterior"] = {stan_name(k): v for k, v in fit["posterior"].items()}
    ours[model, guide].append(fit)


def cell(values, fmt):
    return (fmt + " [" + fmt + "]") % (statistics.median(values), max(values))


print("%-14s %-19s %15s %15s %7s %7s %15s %15s  %s" % ("model", "method", "fit s", "warm s", "x Stan", "warm x",
                                                          "mean err", "sd err", "notes"))
for model in ("logistic", "eight-schools"):
    n = nuts[model]
    print("%-14s %-19s %15.2f %15s %7s %7s %15s %15s  %s" % (model, "stan nuts (ref)", n["seconds"], "-", "-", "-", "0",
                                                             "0",
          "%dx%d, max Rhat %.3f, min ESS %.0f, %d divergent" % (n["chains"], n["iter"], n["max_rhat"], n["min_ess"],
                                                                n["divergences"])))
    for guide in ("meanfield", "fullrank"):
        ref = n["posterior"]
        runs = advi[model, guide]
        acc = [accuracy(r["posterior"], ref) for r in runs]
        stan_t = [r["seconds"] for r in runs]
        print("%-14s %-19s %15s %15s %7s %7s %15s %15s  %s" % (model, "stan advi-" + guide, cell(stan_t, "%.3f"),
              cell(stan_t, "%.3f"), "-", "-", cell([a[0] for a in acc], "%.3f"), cell([a[1] for a in acc], "%.3f"),
              "%d seeds" % len(runs)))
        fits = ours[model, guide]
        acc = [accuracy(f["posterior"], ref) for f in fits]
        t = [f["seconds_runs"][0] for f in fits]
        warm = [statistics.median(f["seconds_runs"][1:]) for f in fits if len(f["seconds_runs"]) > 1] or [float("nan")]
        verdicts = collections.Counter(f["verdict"] for f in fits)
        sources = collections.Counter(f.get("posterior_source", "guide") for f in fits)
        print("%-14s %-19s %15s %15s %7.2f %7.2f %15s %15s  %s" % (model, "elbo4j " + guide, cell(t, "%.3f"),
              cell(warm, "%.3f"), statistics.median(t) / statistics.median(stan_t),
              statistics.median(warm) / statistics.median(stan_t),
              cell([a[0] for a in acc], "%.3f"), cell([a[1] for a in acc], "%.3f"),
              "%s; summaries %s; khat %s; steps %s" % (dict(verdicts), dict(sources),
                                                       "/".join("%.2f" % f["khat"] for f in fits if f["khat"] is not None),
                                                       "/".join(str(f["steps"]) for f in fits))))
print("median [worst] over the seeds. mean err = max |mean - NUTS mean| / NUTS sd; sd err = max |log(sd / NUTS sd)|,"
      " over the parameters both report (eight schools: mu, tau, theta_tilde). Stan: vb() in an R session after"
      " untimed warm-up calls (compilation, R start-up and first-call set-up excluded). elbo4j 'fit s': the first fit"
      " in a fresh JVM (cold: class loading and JIT warm-up included, JVM start-up and CSV reading excluded);"
      " 'warm s': the median of the next runs in the same JVM (--repeat), what a long-lived application sees."
      " x Stan = median fit s / median Stan s; warm x = median warm s / median Stan s.")
PY
