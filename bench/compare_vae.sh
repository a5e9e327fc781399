#!/usr/bin/env bash
# Compare `elbo4j vae` with the PyTorch anchor (/work/shared/anchors/torch_vae.py), run one right
# after the other on the same machine: the same model (784-400-20, Bernoulli, Adam 1e-3, batch 128,
# dynamic binarization), 3 epochs, 2 threads each; then IWAE-5000 on the same number of test images.
# Peak memory is the maximum resident set size reported by `/usr/bin/time -v` for each training
# process (PyTorch's includes its IWAE run at the end, elbo4j's its final IWAE-100 and pictures).
#
# Usage: bench/compare_vae.sh [epochs] [iw-images] [native|avx2]     (default: 3 200 native)
#   native  each side on this CPU's own vectors (PyTorch's OpenBLAS without the OPENBLAS_CORETYPE /
#           OPENBLAS_L2_SIZE overrides some machines set; elbo4j with its default options);
#   avx2    what an AVX2 CPU runs, on an AVX-512 machine: ATEN_CPU_CAPABILITY=avx2
#           OPENBLAS_CORETYPE=Haswell for PyTorch, -XX:UseAVX=2 for elbo4j.
# Environment: DATA (default /usr/share/datasets/fashion-mnist), PYTHON (default /usr/bin/python3),
#              ELBO4J_JAVA_OPTS (replaces the launcher's defaults; the avx2 width appends -XX:UseAVX=2).
# Needs: /usr/bin/time (apt-get install -y time), python3 with torch, ./elbo4j.
set -euo pipefail
cd "$(dirname "$0")/.."
epochs="${1:-3}"
iwn="${2:-200}"
width="${3:-native}"
case "$width" in
  native) torch_env=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE) ;;
  avx2)   torch_env=(env ATEN_CPU_CAPABILITY=avx2 OPENBLAS_CORETYPE=Haswell)
          export ELBO4J_JAVA_OPTS="${ELBO4J_JAVA_OPTS:--Xmx512m -XX:+UseSerialGC} -XX:UseAVX=2" ;;
  *) echo "compare_vae.sh: width must be native or avx2, got '$width'" >&2; exit 2 ;;
esac
data="${DATA:-/usr/share/datasets/fashion-mnist}"
py="${PYTHON:-/usr/bin/python3}"
anchor=/work/shared/anchors/torch_vae.py
[ -x /usr/bin/time ] || { echo "compare_vae.sh: /usr/bin/time is missing (apt-get install -y time)" >&2; exit 2; }
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)
flags=$(grep -m1 -o -w -E 'avx512f|avx2|fma|asimd' /proc/cpuinfo 2>/dev/null | sort -u | tr '\n' ' ')
echo "CPU: ${cpu:-unknown} (flags: ${flags:-?}); width: $width" >&2
"${torch_env[@]}" "$py" -c "import torch, threadpoolctl; print('PyTorch', torch.__version__, 'ATEN_CPU_CAPABILITY=' + __import__('os').environ.get('ATEN_CPU_CAPABILITY', 'default'), [(i.get('internal_api'), i.get('version'), i.get('architecture')) for i in threadpoolctl.threadpool_info() if i.get('user_api') == 'blas'])" >&2 || true
./elbo4j info 2>/dev/null | grep -E '^(java|vector_width|gemm_kernel) ' >&2 || true
echo "load before: $(uptime)" >&2
echo "PyTorch: $epochs epochs, then IWAE-5000 on $iwn test images..." >&2
/usr/bin/time -v "${torch_env[@]}" "$py" "$anchor" --data "$data" --epochs "$epochs" --binarize --threads 2 --iw 5000 --iw-n "$iwn" \
    > "$out/torch.txt" 2> "$out/torch.time"
cat "$out/torch.txt" >&2

echo "elbo4j: $epochs epochs..." >&2
/usr/bin/time -v ./elbo4j vae train --data "$data" --epochs "$epochs" --threads 2 --binarize dynamic \
    --out "$out/run" > /dev/null 2> "$out/elbo4j.time"
grep -E '^epoch|^test ELBO' "$out/elbo4j.time" >&2
echo "elbo4j: IWAE-5000 on $iwn test images..." >&2
./elbo4j vae eval --model "$out/run" --data "$data" --iw 5000 --limit "$iwn" 2> /dev/null > "$out/eval.json"
cat "$out/eval.json" >&2
echo "load after: $(uptime)" >&2

"$py" - "$out" "$iwn" <<'PY'
import json, re, sys
out, iwn = sys.argv[1], int(sys.argv[2])
torch_txt = open(f"{out}/torch.txt").read()
t_epochs = [(float(s), -float(e)) for s, e in re.findall(r"^epoch \d+ sec ([\d.]+) .*test_neg_elbo ([\d.]+)", torch_txt, re.M)]
t_iw = re.search(r"iw5000 test_loglik (\S+) over (\d+) examples in ([\d.]+)s", torch_txt)
def peak_mb(path):
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(path).read())
    return int(m.group(1)) / 1024
e_log = open(f"{out}/elbo4j.time").read()
e_epochs = [(float(s), float(e)) for s, e in re.findall(r"^epoch \d+/\d+\s+([\d.]+) s .*test ELBO (\S+)$", e_log, re.M)]
ev = json.load(open(f"{out}/eval.json"))
ts = sum(s for s, _ in t_epochs) / len(t_epochs)
es = sum(s for s, _ in e_epochs) / len(e_epochs)
t_ms = float(t_iw.group(3)) * 1000 / int(t_iw.group(2))
e_ms = ev["seconds"] * 1000 / ev["n"]
tp, ep = peak_mb(f"{out}/torch.time"), peak_mb(f"{out}/elbo4j.time")
rows = [
    ("seconds per epoch", f"{ts:.2f}", f"{es:.2f}", f"ratio {es / ts:.2f} (target <= 0.5)"),
    (f"test ELBO after {len(e_epochs)} epochs", f"{t_epochs[-1][1]:.2f}", f"{e_epochs[-1][1]:.2f}",
     f"diff {e_epochs[-1][1] - t_epochs[-1][1]:+.2f} nat (target |diff| <= 1)"),
    (f"IWAE-5000 ms/image ({iwn} images)", f"{t_ms:.1f}", f"{e_ms:.1f}", f"speed-up {t_ms / e_ms:.2f}x (target >= 2)"),
    ("IWAE-5000 log-likelihood", t_iw.group(1), f"{ev['iwae']:.2f}", ""),
    ("peak RSS of training, MB", f"{tp:.0f}", f"{ep:.0f}", f"ratio {ep / tp:.2f} (target <= 1)"),
]
print(f"{'measure':36s} {'PyTorch':>10s} {'elbo4j':>10s}  comparison")
for r in rows:
    print(f"{r[0]:36s} {r[1]:>10s} {r[2]:>10s}  {r[3]}")
PY
