#!/usr/bin/env python3
"""Read safetensors files with Python and numpy only (the `safetensors` package is not needed).

Format (https://huggingface.co/docs/safetensors, "Format" section):
  8 bytes   N, an unsigned little-endian 64-bit integer: the size of the header
  N bytes   a UTF-8 JSON object {"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]},
            ..., optionally "__metadata__": {str: str}}; it may be padded with trailing spaces
  rest      the byte buffer; offsets are relative to its start, tensors are little-endian, row-major,
            and the buffer must be covered by the tensors exactly (no holes, no overlaps).

Usage:
  read_safetensors.py FILE                        list the tensors (name, dtype, shape, mean)
  read_safetensors.py --check-torch RUN_DIR [--data DIR] [--n 1000] [--samples 20] [--expect ELBO]
      load RUN_DIR/model.safetensors written by `elbo4j vae train`, rebuild the PyTorch model of
      /work/shared/anchors/torch_vae.py (weights transposed from elbo4j's [in, out] to torch's
      [out, in]; elbo4j's encoder output layer holds (mu, logvar) side by side) and print the test
      ELBO of the first N test images (pixels in [0, 1], as `--binarize none` trains), averaged over
      SAMPLES noise draws per image. With --expect, exit 1 unless |ELBO - expect| <= 0.5.
"""
import argparse
import json
import struct
import sys

import numpy as np

DTYPES = {
    "F64": "<f8", "F32": "<f4", "F16": "<f2", "I64": "<i8", "I32": "<i4", "I16": "<i2", "I8": "i1",
    "U64": "<u8", "U32": "<u4", "U16": "<u2", "U8": "u1", "BOOL": "?",
}


def load(path):
    """Returns (tensors: dict name -> numpy array, metadata: dict or None)."""
    with open(path, "rb") as f:
        raw = f.read()
    if len(raw) < 8:
        raise ValueError(f"{path}: too short for a safetensors header ({len(raw)} bytes)")
    (n,) = struct.unpack("<Q", raw[:8])
    if 8 + n > len(raw):
        raise ValueError(f"{path}: header length {n} exceeds the file size {len(raw)}")
    header = json.loads(raw[8:8 + n].decode("utf-8"))
    if not isinstance(header, dict):
        raise ValueError(f"{path}: the header is not a JSON object")
    buf = memoryview(raw)[8 + n:]
    meta = header.pop("__metadata__", None)
    tensors, spans = {}, []
    for name, info in header.items():
        dtype, shape, (begin, end) = info["dtype"], info["shape"], info["data_offsets"]
        if dtype == "BF16":
            np_dtype = None
            size = 2
        elif dtype in DTYPES:
            np_dtype = np.dtype(DTYPES[dtype])
            size = np_dtype.itemsize
        else:
            raise ValueError(f"{path}: tensor '{name}' has unsupported dtype {dtype}")
        count = int(np.prod(shape, dtype=np.int64)) if shape else 1
        if not (0 <= begin <= end <= len(buf)) or end - begin != count * size:
            raise ValueError(f"{path}: tensor '{name}' offsets [{begin}, {end}] do not fit shape {shape} of {dtype}"
                             f" in a buffer of {len(buf)} bytes")
        data = bytes(buf[begin:end])
        if np_dtype is None:  # bfloat16: the high half of a float32
            arr = (np.frombuffer(data, dtype="<u2").astype(np.uint32) << 16).view(np.float32)
        else:
            arr = np.frombuffer(data, dtype=np_dtype)
        tensors[name] = arr.reshape(shape).copy()
        spans.append((begin, end))
    spans.sort()
    pos = 0
    for begin, end in spans:
        if begin != pos:
            raise ValueError(f"{path}: the byte buffer has a hole or overlap at offset {pos}")
        pos = end
    if pos != len(buf):
        raise ValueError(f"{path}: {len(buf) - pos} bytes after the last tensor")
    return tensors, meta


def check_torch(args):
    import math
    import torch
    import torch.nn.functional as F
    sys.path.insert(0, "/work/shared/anchors")
    import torch_vae

    t, _ = load(f"{args.check_torch}/model.safetensors")
    with open(f"{args.check_torch}/config.json") as f:
        cfg = json.load(f)
    names = sorted(k for k in t if k.endswith(".weight"))
    if names != ["decoder.0.weight", "decoder.1.weight", "encoder.0.weight", "encoder.1.weight"]:
        raise SystemExit(f"expected a one-hidden-layer VAE, got tensors {sorted(t)}")
    d, h = t["encoder.0.weight"].shape
    z = t["decoder.0.weight"].shape[0]
    m = torch_vae.VAE(d=d, h=h, z=z)
    enc_w, enc_b = t["encoder.1.weight"], t["encoder.1.bias"]
    sd = {
        "e1.weight": t["encoder.0.weight"].T, "e1.bias": t["encoder.0.bias"],
        "mu.weight": enc_w[:, :z].T, "mu.bias": enc_b[:z],
        "lv.weight": enc_w[:, z:].T, "lv.bias": enc_b[z:],
        "d1.weight": t["decoder.0.weight"].T, "d1.bias": t["decoder.0.bias"],
        "d2.weight": t["decoder.1.weight"].T, "d2.bias": t["decoder.1.bias"],
    }
    m.load_state_dict({k: torch.tensor(np.ascontiguousarray(v)) for k, v in sd.items()})
    x = torch_vae.read_idx(f"{args.data}/t10k-images-idx3-ubyte.gz").reshape(-1, d)[:args.n]
    x = torch.tensor(x, dtype=torch.float32) / 255
    torch.manual_seed(0)
    with torch.no_grad():
        per = torch.stack([-torch.stack([torch_vae.neg_elbo(m, x[i:i + 1]) for i in range(x.shape[0])])
                           for _ in range(args.samples)]).mean(0)
    elbo = per.mean().item()
    print(json.dumps({"torch_elbo": elbo, "n": x.shape[0], "samples": args.samples,
                      "stderr_between_images": per.std().item() / math.sqrt(x.shape[0]),
                      "model": cfg.get("activation", "?")}))
    if args.expect is not None:
        diff = abs(elbo - args.expect)
        print(f"|torch - elbo4j| = {diff:.3f} nat (tolerance 0.5): {'OK' if diff <= 0.5 else 'FAIL'}")
        return 0 if diff <= 0.5 else 1
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file", nargs="?")
    ap.add_argument("--check-torch", metavar="RUN_DIR")
    ap.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--samples", type=int, default=20)
    ap.add_argument("--expect", type=float)
    a = ap.parse_args()
    if a.check_torch:
        return check_torch(a)
    if not a.file:
        ap.error("give FILE or --check-torch RUN_DIR")
    tensors, meta = load(a.file)
    if meta:
        print("metadata:", meta)
    for name, arr in tensors.items():
        print(f"{name:24s} {str(arr.dtype):8s} {list(arr.shape)} mean {arr.astype(np.float64).mean():+.6f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
