#!/usr/bin/env bash
# Compare `elbo4j fit` with Stan (rstan 2.21) on the same data, run one right after the other on
# the same machine: Stan's ADVI (vb, mean-field and full-rank, default settings) and NUTS
# (sampling, 4 chains x 2000, the reference posterior), then elbo4j's mean-field and full-rank
# guides (default settings). Models: logistic regression (N = 10,000, D = 20, with intercept,
# N(0, 1) priors) and eight schools (non-centred).
#
# Prints, per model and method: wall time, the ratio elbo4j / Stan ADVI of the same family, and
# the accuracy against NUTS over the parameters both report:
#   mean_err = max_i |mean_i - nuts_mean_i| / nuts_sd_i,   sd_err = max_i |log(sd_i / nuts_sd_i)|.
# Stan times exclude compilation and R start-up (system.time around vb()/sampling()); elbo4j is
# timed twice: "fit s" is the in-process fit (fit.json "seconds", diagnostics included) and
# "wall s" the whole `./elbo4j fit` process (JVM start-up, CSV reading, report writing).
#
# Usage: bench/compare_stan.sh
#   ELBO4J_FIT_ARGS="..."  adds options to every elbo4j fit (e.g. "--particles 10 --average")
#   ELBO4J_FIT_CMD="..."   the command that runs `fit` (default: ./elbo4j fit)
# Needs: Rscript with rstan + jsonlite (see /work/shared/anchors/README.md), python3 with numpy, ./elbo4j.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
logistic=bench/stan/logistic_data.csv
schools=bench/stan/eight_schools.csv
[ -f "$logistic" ] || python3 bench/stan/make_logistic_data.py "$logistic"

echo "Stan (rstan: ADVI meanfield, fullrank; NUTS 4 x 2000)..." >&2
Rscript bench/stan/run_stan.R --logistic-data "$logistic" --eight-schools-data "$schools" \
    --chains 4 --iter 2000 > "$out/stan.jsonl" 2> "$out/stan.err" || { cat "$out/stan.err" >&2; exit 1; }

echo "elbo4j fit (meanfield, fullrank)..." >&2
: > "$out/elbo4j.tsv"
for model in logistic eight-schools; do
    data="$logistic"
    [ "$model" = eight-schools ] && data="$schools"
    for guide in meanfield fullrank; do
        dir="$out/$model-$guide"
        start=$(date +%s.%N)
        # shellcheck disable=SC2086  # word splitting of the two variables is intended
        ${ELBO4J_FIT_CMD:-./elbo4j fit} --model "$model" --data "$data" --guide "$guide" --seed 1 --out "$dir" ${ELBO4J_FIT_ARGS:-} \
            > "$dir.log" 2>&1 || { echo "elbo4j fit --model $model --guide $guide failed:" >&2; cat "$dir.log" >&2; exit 1; }
        end=$(date +%s.%N)
        printf '%s\t%s\t%s\t%s\n' "$model" "$guide" "$(echo "$end - $start" | bc)" "$dir/fit.json" >> "$out/elbo4j.tsv"
    done
done

python3 - "$out/stan.jsonl" "$out/elbo4j.tsv" <<'PY'
import json
import math
import re
import sys

stan = {}
for line in open(sys.argv[1]):
    if line.startswith("{"):
        r = json.loads(line)
        stan[(r["model"], r["method"])] = r


def stan_name(name):
    """elbo4j's 0-based element names -> Stan's 1-based ones (intercept is Stan's alpha)."""
    name = {"intercept": "alpha"}.get(name, name)
    m = re.fullmatch(r"(\w+)\[(\d+)\]", name)
    if m:
        base = {"thetaTilde": "theta_tilde"}.get(m.group(1), m.group(1))
        return "%s[%d]" % (base, int(m.group(2)) + 1)
    return name


def accuracy(post, ref, names):
    mean_err = max(abs(post[n]["mean"] - ref[n]["mean"]) / ref[n]["sd"] for n in names)
    sd_err = max(abs(math.log(post[n]["sd"] / ref[n]["sd"])) for n in names)
    return mean_err, sd_err


rows = []
for line in open(sys.argv[2]):
    model, guide, wall, path = line.rstrip("\n").split("\t")
    fit = json.load(open(path))
    post = {stan_name(k): v for k, v in fit["posterior"].items()}
    nuts = stan["%s" % model, "nuts"]["posterior"]
    names = [n for n in post if n in nuts]
    advi = stan[model, "advi-" + guide]
    a_mean, a_sd = accuracy(advi["posterior"], nuts, names)
    e_mean, e_sd = accuracy(post, nuts, names)
    rows.append((model, "stan advi-" + guide, advi["seconds"], None, None, a_mean, a_sd, ""))
    rows.append((model, "elbo4j " + guide, fit["seconds"], float(wall), fit["seconds"] / advi["seconds"], e_mean, e_sd,
                 "%s khat=%s steps=%s" % (fit["verdict"], "-" if fit.get("khat") is None else "%.2f" % fit["khat"],
                                           fit["steps"])))

print("%-14s %-20s %8s %8s %9s %9s %8s  %s" % ("model", "method", "fit s", "wall s", "x Stan", "mean err", "sd err",
                                               "notes"))
for model in ("logistic", "eight-schools"):
    n = stan[model, "nuts"]
    print("%-14s %-20s %8.2f %8s %9s %9s %8s  %s" % (model, "stan nuts (ref)", n["seconds"], "-", "-", "0", "0",
          "%dx%d, max Rhat %.3f, min ESS %.0f, %d divergent" % (n["chains"], n["iter"], n["max_rhat"], n["min_ess"],
                                                                n["divergences"])))
    for r in rows:
        if r[0] == model:
            print("%-14s %-20s %8.2f %8s %9s %9.3f %8.3f  %s" % (r[0], r[1], r[2], "-" if r[3] is None else
                  "%.2f" % r[3], "-" if r[4] is None else "%.2f" % r[4], r[5], r[6], r[7]))
print("mean err = max |mean - NUTS mean| / NUTS sd; sd err = max |log(sd / NUTS sd)|, over the parameters both "
      "report (eight schools: mu, tau, theta_tilde); x Stan = elbo4j fit s / Stan ADVI s of the same family.")
PY
