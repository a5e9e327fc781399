"""Side-by-side table of bench/compare_brms.sh: brms NUTS (reference), brms ADVI and elbo4j.

Usage: python3 bench/brms/compare_table.py ELBO4J_TSV MODEL...
ELBO4J_TSV lines: model, guide, path of elbo4j's fit.json (or "-" when the fit failed) and, optionally,
the wall time of the whole elbo4j process (JVM start to exit), a row per line in their order (the time ratio of a guide brms lacks, flow, is against brms's fullrank). elbo4j's
fit.json is read for "seconds", "khat", "posterior" {name: {mean, sd}} and "loo" {elpd_loo, se,
p_loo, k_above_0_7 or pareto_k_above_0_7} and "posterior_importance_weighted" {khat, reliable,
posterior} (keys tolerated as missing; the importance-weighted summaries get a row of their own). brms results: bench/results/brms_MODEL.json.
"""
import json
import math
import sys


def errors(post, nuts):
    common = [n for n in nuts if n in post]
    if not common:
        return float("nan"), float("nan"), 0
    mean_err = max(abs(post[n]["mean"] - nuts[n]["mean"]) / nuts[n]["sd"] for n in common)
    sd_err = max(abs(post[n]["sd"] / nuts[n]["sd"] - 1) for n in common)
    return mean_err, sd_err, len(common)


def fmt(x, spec):
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "-"
    if isinstance(x, float) and abs(x) >= 1e6:  # a diverged fit: keep the column width
        width = int(spec.split(".")[0]) if spec[0].isdigit() else 8
        return format(x, f"{width}.1e")
    return format(x, spec)


def main():
    fits = {}
    process = {}
    for line in open(sys.argv[1]):
        parts = line.rstrip("\n").split("\t")
        model, guide, path = parts[:3]
        process[(model, guide)] = float(parts[3]) if len(parts) > 3 and parts[3] not in ("", "-") else None
        fits[model, guide] = None if path == "-" else json.load(open(path))
    header = f"{'model':10} {'method':17} {'params':>6} {'mean_err':>8} {'sd_err':>7} {'elpd_loo':>9} " \
             f"{'dElpd/se':>8} {'k>0.7':>5} {'seconds':>8} {'ratio':>6}"
    print(header)
    print("-" * len(header))
    for model in sys.argv[2:]:
        ref = json.load(open(f"bench/results/brms_{model}.json"))
        nuts = ref["methods"]["nuts"]
        nuts_loo = nuts["loo"]
        rows = [("brms NUTS", nuts["posterior"], nuts_loo, nuts.get("stan_seconds"), None, "Stan's own time")]
        for guide in ("meanfield", "fullrank"):
            m = ref["methods"][guide]
            rows.append((f"brms {guide}", m["posterior"], m["loo"], m["seconds"], None, None))
        guides = [g for (m, g) in fits if m == model]
        for guide in guides:
            f = fits.get((model, guide))
            if f is None:
                rows.append((f"elbo4j {guide}", None, None, None, None, "fit --formula failed or not run"))
                continue
            # a guide brms has no counterpart of (flow) is timed against brms's fullrank ADVI
            brms_s = ref["methods"].get(guide, ref["methods"]["fullrank"])["seconds"]
            khat = f.get("khat")
            wall = process.get((model, guide))
            rows.append((f"elbo4j {guide}", f.get("posterior", {}), f.get("loo"), f.get("seconds"),
                         None if f.get("seconds") is None else f["seconds"] / brms_s,
                         f"k-hat {fmt(khat, '.2f')} ({f.get('posterior_source')})"
                         + ("" if wall is None else f"; process {wall:.2f} s ({wall / brms_s:.2f}x)")))
            weighted = f.get("posterior_importance_weighted")
            if weighted:
                flag = "" if weighted["reliable"] else ", UNRELIABLE (k-hat >= 0.7)"
                rows.append((f"  {guide} IW", weighted["posterior"], None, None, None,
                             f"importance-weighted (PSIS, k-hat {weighted['khat']:.2f}{flag})"))
        for name, post, loo, secs, ratio, note in rows:
            if post is None:
                print(f"{model:10} {name:17} {note}")
                continue
            me, se, n = errors(post, nuts["posterior"])
            elpd = loo.get("elpd_loo") if loo else None
            d = None if elpd is None else (elpd - nuts_loo["elpd_loo"]) / nuts_loo["se"]
            kabove = loo.get("k_above_0_7", loo.get("pareto_k_above_0_7")) if loo else None
            matched = f"{n}/{len(nuts['posterior'])}"
            print(f"{model:10} {name:17} {matched:>6} {fmt(me, '8.3f')} {fmt(se, '7.3f')} {fmt(elpd, '9.2f')} "
                  f"{fmt(d, '8.2f')} {fmt(kabove, '5')} {fmt(secs, '8.2f')} {fmt(ratio, '6.2f')}"
                  + (f"  {note}" if note else ""))
        print(f"{model:10} brms compile {ref['compile_seconds']:.1f} s (apart); NUTS wall time in brms "
              f"{nuts['seconds']:.1f} s (with R worker start-up), {nuts.get('divergences')} divergences, "
              f"max Rhat {nuts.get('max_rhat', float('nan')):.3f}; ADVI seconds: wall time of brms's update()")
    print("CPU:", ref.get("cpu"), "- times on a shared, loaded machine are rough; compare ratios.")


if __name__ == "__main__":
    main()
