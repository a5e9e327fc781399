#!/usr/bin/env python3
"""Side-by-side online LDA: elbo4j vs scikit-learn vs gensim on the same Debian descriptions (used
by bench/compare_lda.sh; not a test).

  lda_bench.py prepare TEXT N WORKDIR   tokenize as elbo4j's Tokenizer does (letter runs >= 2,
                                        lower case, elbo4j's stop words, min-df 2, max-df 0.5,
                                        max-vocab 10000, ties alphabetical), take the first N
                                        documents, hold out 10% (numpy seed 0) and write
                                        WORKDIR/train/docword.txt + vocab.txt (UCI) and test.npz
  lda_bench.py fit-others WORKDIR K PASSES BATCH
                                        fit scikit-learn (learning_method='online', n_jobs=2) and
                                        gensim LdaMulticore (workers=1), alpha = eta = 1/K, and
                                        save their lambda and alpha
  lda_bench.py report WORKDIR K PASSES  held-out perplexity of all three by document completion
                                        (the same numpy code for each: half of each held-out
                                        document's tokens fit gamma with lambda, alpha fixed, the
                                        other half scored with E[theta] E[beta]) and the ratios
"""
import json
import os
import re
import sys
import time

import numpy as np
from scipy.special import psi

STOP = os.path.join(os.path.dirname(__file__), "..", "elbo4j-core", "src", "main", "resources", "org", "elbo4j",
                    "topics", "stopwords-en.txt")


def tokenize(line, stop):
    return [w for w in (m.lower() for m in re.findall(r"[^\W\d_]+", line)) if len(w) >= 2 and w not in stop]


def prepare(text, n, work):
    stop = {l.strip() for l in open(STOP, encoding="utf-8") if l.strip() and not l.startswith("#")}
    docs = [tokenize(l, stop) for l in open(text, encoding="utf-8")][:n]
    df = {}
    for d in docs:
        for w in set(d):
            df[w] = df.get(w, 0) + 1
    kept = [w for w, c in df.items() if c >= 2 and c <= 0.5 * len(docs)]
    kept.sort(key=lambda w: (-df[w], w))
    vocab = sorted(kept[:10000])
    index = {w: i for i, w in enumerate(vocab)}
    bows = []
    for d in docs:
        bag = {}
        for w in d:
            if w in index:
                bag[index[w]] = bag.get(index[w], 0) + 1
        if bag:
            bows.append(sorted(bag.items()))
    rng = np.random.default_rng(0)
    order = rng.permutation(len(bows))
    n_test = len(bows) // 10
    test = [bows[i] for i in sorted(order[:n_test])]
    train = [bows[i] for i in sorted(order[n_test:])]
    os.makedirs(os.path.join(work, "train"), exist_ok=True)
    with open(os.path.join(work, "train", "vocab.txt"), "w") as f:
        f.write("\n".join(vocab) + "\n")
    nnz = sum(len(b) for b in train)
    with open(os.path.join(work, "train", "docword.txt"), "w") as f:
        f.write(f"{len(train)}\n{len(vocab)}\n{nnz}\n")
        for d, b in enumerate(train):
            for w, c in b:
                f.write(f"{d + 1} {w + 1} {c}\n")
    # completion split of the test documents: shuffled tokens, first half observed
    obs, held = [], []
    for b in test:
        toks = np.repeat([w for w, _ in b], [c for _, c in b])
        if len(toks) < 2:
            continue
        toks = rng.permutation(toks)
        obs.append(toks[: len(toks) // 2])
        held.append(toks[len(toks) // 2:])
    np.savez(os.path.join(work, "test.npz"), obs=np.array(obs, dtype=object), held=np.array(held, dtype=object),
             allow_pickle=True)
    tokens = sum(c for b in train for _, c in b)
    print(f"prepared: {len(train)} train docs, {tokens} tokens, {len(test)} held-out docs, V = {len(vocab)}")


def train_matrix(work):
    import scipy.sparse as sp
    lines = open(os.path.join(work, "train", "docword.txt")).read().split("\n")
    d, v, _ = int(lines[0]), int(lines[1]), int(lines[2])
    rows, cols, vals = [], [], []
    for l in lines[3:]:
        if l:
            a, b, c = l.split()
            rows.append(int(a) - 1)
            cols.append(int(b) - 1)
            vals.append(int(c))
    return sp.csr_matrix((vals, (rows, cols)), shape=(d, v), dtype=np.float64)


def fit_others(work, k, passes, batch):
    from sklearn.decomposition import LatentDirichletAllocation
    from gensim.models import LdaMulticore
    x = train_matrix(work)
    tokens = x.sum()
    out = {}
    t0 = time.perf_counter()
    lda = LatentDirichletAllocation(n_components=k, learning_method="online", batch_size=batch, max_iter=passes,
                                    n_jobs=2, total_samples=x.shape[0], evaluate_every=-1, random_state=0,
                                    doc_topic_prior=1.0 / k, topic_word_prior=1.0 / k)
    lda.fit(x)
    out["sklearn"] = {"seconds": time.perf_counter() - t0, "tokens": float(tokens * passes)}
    np.save(os.path.join(work, "sklearn_lambda.npy"), lda.components_)
    np.save(os.path.join(work, "sklearn_alpha.npy"), np.full(k, 1.0 / k))
    corpus = [list(zip(row.indices.tolist(), row.data.astype(int).tolist())) for row in x]
    t0 = time.perf_counter()
    g = LdaMulticore(corpus=corpus, num_topics=k, workers=1, chunksize=batch, passes=passes, alpha=np.full(k, 1.0 / k),
                     eta=1.0 / k, iterations=100, gamma_threshold=1e-3, eval_every=None, random_state=0)
    out["gensim"] = {"seconds": time.perf_counter() - t0, "tokens": float(tokens * passes)}
    np.save(os.path.join(work, "gensim_lambda.npy"), g.state.get_lambda())
    np.save(os.path.join(work, "gensim_alpha.npy"), np.asarray(g.alpha))
    json.dump(out, open(os.path.join(work, "others.json"), "w"))


def completion_perplexity(lam, alpha, obs, held):
    elog = psi(lam) - psi(lam.sum(axis=1, keepdims=True))
    expb = np.exp(elog)
    beta = lam / lam.sum(axis=1, keepdims=True)
    total, count = 0.0, 0
    for o, h in zip(obs, held):
        ids, cts = np.unique(o, return_counts=True)
        eb = expb[:, ids]
        gamma = np.ones(len(alpha))
        for _ in range(200):
            et = np.exp(psi(gamma) - psi(gamma.sum()))
            norm = et @ eb + 1e-100
            new = alpha + et * (eb @ (cts / norm))
            done = np.mean(np.abs(new - gamma)) < 1e-4
            gamma = new
            if done:
                break
        theta = gamma / gamma.sum()
        total += np.log(theta @ beta[:, h]).sum()
        count += len(h)
    return float(np.exp(-total / count))


def report(work, k, passes):
    t = np.load(os.path.join(work, "test.npz"), allow_pickle=True)
    obs, held = t["obs"], t["held"]
    others = json.load(open(os.path.join(work, "others.json")))
    model = json.load(open(os.path.join(work, "elbo4j", "model.json")))
    topics = json.load(open(os.path.join(work, "elbo4j", "topics.json")))
    vocab = open(os.path.join(work, "train", "vocab.txt")).read().split()
    assert model["vocabulary"] == vocab
    rows = {"elbo4j": (np.array(model["lambda"]), np.array(model["alpha"]), topics["seconds"],
                       topics["e_step_tokens_per_second"])}
    for name in ("sklearn", "gensim"):
        o = others[name]
        rows[name] = (np.load(os.path.join(work, f"{name}_lambda.npy")), np.load(os.path.join(work, f"{name}_alpha.npy")),
                      o["seconds"], o["tokens"] / o["seconds"])
    perp = {n: completion_perplexity(r[0], r[1], obs, held) for n, r in rows.items()}
    print(f"\nonline LDA, K = {k}, {passes} passes; held-out perplexity by document completion (same code for all)")
    print(f"{'':10s} {'perplexity':>11s} {'fit s':>8s} {'tokens/s':>12s}")
    for n, r in rows.items():
        note = "E-step only" if n == "elbo4j" else "whole fit"
        print(f"{n:10s} {perp[n]:11.2f} {r[2]:8.2f} {r[3]:12.4g}  ({note})")
    for other in ("sklearn", "gensim"):
        print(f"elbo4j / {other}: perplexity {perp['elbo4j'] / perp[other]:.3f}, wall time "
              f"{rows['elbo4j'][2] / rows[other][2]:.3f}")


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "prepare":
        prepare(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    elif cmd == "fit-others":
        fit_others(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]))
    elif cmd == "report":
        report(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
