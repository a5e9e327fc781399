"""Per-parameter errors of elbo4j fits against brms NUTS (issue 12's measure, parameter by parameter).

Usage: /usr/bin/python3 tools/flow/param_errors.py DIR...
Each DIR is an ELBO4J_KEEP directory of bench/compare_brms.sh (it holds MODEL-GUIDE/fit.json); the
NUTS reference is bench/results/brms_MODEL.json. Prints, per fit, for every parameter both sides
report: (mean - nuts_mean) / nuts_sd and sd / nuts_sd - 1, then the fit's k-hat, posterior source,
seconds and flow steps. The run's maxima are issue 12's mean_err and sd_err.
"""
import glob
import json
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")


def main():
    for d in sys.argv[1:]:
        for path in sorted(glob.glob(os.path.join(d, "*", "fit.json"))):
            run = os.path.basename(os.path.dirname(path))
            model = run.split("-")[0]
            nuts = json.load(open(os.path.join(ROOT, "bench", "results", f"brms_{model}.json")))
            nuts = nuts["methods"]["nuts"]["posterior"]
            fit = json.load(open(path))
            post = fit.get("posterior", {})
            steps = re.findall(r"(\d+) steps[,)]", fit.get("reason", ""))
            print(f"{d}/{run}: k-hat {fit.get('khat', float('nan')):.2f} ({fit.get('posterior_source')}), "
                  f"{fit.get('seconds', float('nan')):.2f} s, steps {'+'.join(steps)}")
            worst_m = worst_s = 0.0
            for name, ref in nuts.items():
                if name not in post:
                    continue
                me = (post[name]["mean"] - ref["mean"]) / ref["sd"]
                se = post[name]["sd"] / ref["sd"] - 1
                worst_m, worst_s = max(worst_m, abs(me)), max(worst_s, abs(se))
                print(f"    {name:28} mean_err {me:+7.3f}   sd_err {se:+7.3f}")
            print(f"    {'max':28} mean_err {worst_m:7.3f}   sd_err {worst_s:7.3f}")


if __name__ == "__main__":
    main()
