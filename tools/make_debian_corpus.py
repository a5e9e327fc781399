#!/usr/bin/env python3
"""Build a plain-text corpus (one document per line) from the Debian package descriptions in
/var/lib/apt/lists/*_Packages* and *_i18n_Translation-en* (.lz4, .gz, .xz or plain). The long
descriptions are in the Translation-en files, which apt fetches only when languages are enabled:
  apt-get update -o Acquire::Languages=en

A document is a package's short description followed by its long description (the " ." paragraph
separators dropped, whitespace collapsed). Packages whose description text repeats an earlier one
(e.g. -dbg/-doc variants sharing a text) are kept once, as are descriptions of fewer than
--min-words words. The documents are sorted by package name and, with --n, a seeded random sample
of n of them is written (in package-name order).

Usage:
  tools/make_debian_corpus.py --n 600 --seed 1 --out data/debian-descriptions.txt   (bundled, < 1 MB)
  tools/make_debian_corpus.py --out /tmp/debian-all.txt                             (all, for benchmarks)
"""
import argparse
import glob
import gzip
import lzma
import random
import re
import subprocess
import sys


def read_lists():
    texts = []
    for path in sorted(glob.glob("/var/lib/apt/lists/*_Packages*")
                       + glob.glob("/var/lib/apt/lists/*_Translation-en*")):
        if path.endswith(".lz4"):
            data = subprocess.run(["lz4cat", path], check=True, capture_output=True).stdout
        elif path.endswith(".gz"):
            data = gzip.open(path).read()
        elif path.endswith(".xz"):
            data = lzma.open(path).read()
        else:
            data = open(path, "rb").read()
        texts.append(data.decode("utf-8", errors="replace"))
    return texts


def parse(text):
    """Yields (package, description) for every stanza."""
    for stanza in text.split("\n\n"):
        name = None
        desc = []
        in_desc = False
        for line in stanza.split("\n"):
            if line.startswith("Package:"):
                name = line.split(":", 1)[1].strip()
                in_desc = False
            elif line.startswith("Description:") or line.startswith("Description-en:"):
                desc = [line.split(":", 1)[1].strip()]
                in_desc = True
            elif in_desc and line.startswith(" "):
                part = line.strip()
                if part != ".":
                    desc.append(part)
            else:
                in_desc = False
        if name and desc:
            yield name, re.sub(r"\s+", " ", " ".join(desc)).strip()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=0, help="sample size (0: all)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--min-words", type=int, default=20)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    texts = read_lists()
    if not texts:
        sys.exit("no /var/lib/apt/lists/*_Packages files: run apt-get update -o Acquire::Languages=en")
    docs = {}
    for text in texts:
        for name, desc in parse(text):
            if len(desc) > len(docs.get(name, "")):
                docs[name] = desc
    seen = set()
    kept = []
    for name in sorted(docs):
        desc = docs[name]
        if desc in seen or len(desc.split()) < args.min_words:
            continue
        seen.add(desc)
        kept.append((name, desc))
    if args.n:
        kept = sorted(random.Random(args.seed).sample(kept, args.n))
    with open(args.out, "w", encoding="utf-8") as f:
        for _, desc in kept:
            f.write(desc + "\n")
    print(f"{args.out}: {len(kept)} documents", file=sys.stderr)


if __name__ == "__main__":
    main()
