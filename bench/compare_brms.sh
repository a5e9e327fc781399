#!/usr/bin/env bash
# Compare `elbo4j fit --formula` with brms 2.18 / Stan 2.21 (Debian r-cran-brms) on the models of
# bench/brms/models.tsv (same formula, family, priors and data on both sides):
#   epilepsy  poisson with group-level intercepts and slopes (data/brms/epilepsy.csv)
#   bernoulli bernoulli with correlated group-level intercepts and slopes (simulated)
#   crossed   gaussian with crossed group-level intercepts (simulated)
# brms NUTS (4 chains x 2000) is the reference; brms's ADVI (meanfield, fullrank) the peer. The brms
# results are cached as bench/results/brms_<model>.json (written by bench/brms/run_brms.R; compile
# time recorded apart); --rerun-brms refits them. Then elbo4j fits each model with the mean-field
# and full-rank guides and the nested Laplace guide, and a table shows, per model and method, against NUTS:
#   mean_err = max_i |mean_i - nuts_mean_i| / nuts_sd_i   (goal for elbo4j: <= 0.1)
#   sd_err   = max_i |sd_i / nuts_sd_i - 1|               (goal: <= 0.10)
#   elpd_loo and (elpd_loo - nuts elpd_loo) / nuts se      (goal: within 2)
#   seconds, and elbo4j's seconds / brms ADVI's of the same family (goal: <= 0.5; brms's time is the
#   wall time of update(recompile = FALSE), its compile time printed apart). elbo4j's seconds are its fit
#   (fit.json "seconds"); the note column adds the wall time of the whole process (JVM start, reading,
#   PSIS-LOO, plots, files) and its ratio.
# Parameters compared: those both sides report (b_*, sd_*, cor_*, sigma; brms's names).
#
# Usage: bench/compare_brms.sh [--rerun-brms] [MODEL...]      (default: all three models)
#   ELBO4J_FIT_CMD="..."   the command that runs `fit` (default: ./elbo4j fit)
#   ELBO4J_FIT_ARGS="..."  extra options for every elbo4j fit
#   ELBO4J_GUIDES="..."    the --guide values elbo4j runs (default: meanfield fullrank nested; e.g. "fullrank flow";
#                          a flow's or nested fit's time ratio is against brms's fullrank ADVI)
#   ELBO4J_SEED=N          elbo4j's --seed (default: 1)
#   ELBO4J_KEEP=DIR        keep elbo4j's output directories and logs in DIR (default: a temporary directory)
# Needs: Rscript with brms, rstan, loo, jsonlite (BH symlink: see /work/shared/anchors/README.md),
# python3, ./elbo4j built (mvn -q -o package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
rerun=0
if [ "${1:-}" = "--rerun-brms" ]; then
    rerun=1
    shift
fi
models=("$@")
[ ${#models[@]} -gt 0 ] || models=(epilepsy bernoulli crossed)
if [ -n "${ELBO4J_KEEP:-}" ]; then
    out="$ELBO4J_KEEP"
    mkdir -p "$out"
else
    out="$(mktemp -d)"
    trap 'rm -rf "$out"' EXIT
fi
mkdir -p bench/results
: > "$out/elbo4j.tsv"
for model in "${models[@]}"; do
    line="$(grep -P "^$model\t" bench/brms/models.tsv)" || { echo "compare_brms.sh: unknown model $model" >&2; exit 2; }
    IFS=$'\t' read -r _ family formula data priors <<< "$line"
    ref="bench/results/brms_$model.json"
    if [ "$rerun" = 1 ] || [ ! -f "$ref" ]; then
        echo "brms: $model (compile, NUTS 4 chains, meanfield, fullrank)..." >&2
        Rscript bench/brms/run_brms.R --model "$model" --out "$ref.tmp" > "$out/brms-$model.log" 2>&1 \
            || { echo "compare_brms.sh: brms failed on $model:" >&2; tail -20 "$out/brms-$model.log" >&2; exit 1; }
        mv "$ref.tmp" "$ref"
    fi
    prior_args=()
    IFS=';' read -ra terms <<< "$priors"
    for t in "${terms[@]}"; do
        prior_args+=(--prior "$(echo "$t" | sed 's/^ *//; s/ *$//')")
    done
    for guide in ${ELBO4J_GUIDES:-meanfield fullrank nested}; do
        dir="$out/$model-$guide"
        echo "elbo4j: $model $guide..." >&2
        started=$(date +%s.%N)
        # shellcheck disable=SC2086  # word splitting of the two variables is intended
        if ${ELBO4J_FIT_CMD:-./elbo4j fit} --formula "$formula" --family "$family" --data "$data" \
                "${prior_args[@]}" --guide "$guide" --seed "${ELBO4J_SEED:-1}" --out "$dir" ${ELBO4J_FIT_ARGS:-} > "$dir.log" 2>&1; then
            wall=$(awk -v a="$(date +%s.%N)" -v b="$started" 'BEGIN { printf "%.3f", a - b }')
            printf '%s\t%s\t%s\t%s\n' "$model" "$guide" "$dir/fit.json" "$wall" >> "$out/elbo4j.tsv"
        else
            echo "compare_brms.sh: elbo4j fit --formula failed on $model ($guide); its last lines:" >&2
            tail -3 "$dir.log" | sed 's/^/    /' >&2
            printf '%s\t%s\t-\n' "$model" "$guide" >> "$out/elbo4j.tsv"
        fi
    done
done
python3 bench/brms/compare_table.py "$out/elbo4j.tsv" "${models[@]}"
