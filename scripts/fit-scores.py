#!/usr/bin/env python3
"""Fits the weights of bitext's row score (src/align/score.rs) on gold-aligned sets.

usage: fit-scores.py FEATURES.csv [FEATURES.csv ...]

Each file is what `cargo run --release --example score_features -- DIR SRC TGT SET` prints.
Fits one logistic model for links and one for unaligned sentences (Newton's method with a
small L2 penalty), prints each set's AUROC before writing, and rewrites the WEIGHTS and
SKIP_WEIGHTS constants of src/align/score.rs in place. `make fit-scores` runs it on the
shared gold sets (never on held-back ones): no set gets weights of its own.
"""
import csv
import math
import os
import re
import sys

L2 = 1.0


def load(paths):
    rows = []
    for p in paths:
        with open(p, encoding="utf-8") as f:
            for r in csv.reader(f):
                if r[0] == "set":
                    continue
                rows.append((r[0], r[2] == "1", r[3] == "1", [float(v) for v in r[4:]]))
    return rows


def solve(a, b):
    """Solves a x = b by Gaussian elimination with partial pivoting."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        if abs(m[c][c]) < 1e-12:
            continue
        for r in range(n):
            if r != c:
                f = m[r][c] / m[c][c]
                for k in range(c, n + 1):
                    m[r][k] -= f * m[c][k]
    return [m[i][n] / m[i][i] if abs(m[i][i]) > 1e-12 else 0.0 for i in range(n)]


def fit(xs, ys, weights):
    """Weighted L2-penalised logistic regression; returns intercept then one weight each."""
    d = len(xs[0]) + 1
    w = [0.0] * d
    for _ in range(50):
        grad = [0.0] * d
        hess = [[0.0] * d for _ in range(d)]
        for x, y, sw in zip(xs, ys, weights):
            v = [1.0] + x
            z = sum(a * b for a, b in zip(w, v))
            p = 1 / (1 + math.exp(-max(min(z, 30), -30)))
            for i in range(d):
                grad[i] += sw * (p - y) * v[i]
                for j in range(i, d):
                    hess[i][j] += sw * p * (1 - p) * v[i] * v[j]
        for i in range(d):
            for j in range(i):
                hess[i][j] = hess[j][i]
            if i > 0:
                grad[i] += L2 * w[i]
                hess[i][i] += L2
        step = solve(hess, grad)
        w = [a - b for a, b in zip(w, step)]
        if max(abs(s) for s in step) < 1e-6:
            break
    return w


def predict(w, x):
    z = w[0] + sum(a * b for a, b in zip(w[1:], x))
    return 1 / (1 + math.exp(-max(min(z, 30), -30)))


def auroc(scored):
    right = sorted(s for s, ok in scored if ok)
    wrong = sorted(s for s, ok in scored if not ok)
    if not right or not wrong:
        return float("nan")
    import bisect
    tot = 0.0
    for s in right:
        lo, hi = bisect.bisect_left(wrong, s), bisect.bisect_right(wrong, s)
        tot += lo + 0.5 * (hi - lo)
    return tot / (len(right) * len(wrong))


def main():
    rows = load(sys.argv[1:])
    sets = sorted({r[0] for r in rows})
    out = {}
    for pair in (True, False):
        part = [r for r in rows if r[1] == pair]
        # Every row weighs the same: calibration is judged over all rows together, and
        # weighing small sets up leaves the pooled bands off by a tenth.
        weights = [1.0] * len(part)
        xs = [r[3] for r in part]
        ys = [1.0 if r[2] else 0.0 for r in part]
        w = fit(xs, ys, weights)
        out[pair] = w
        kind = "links" if pair else "unaligned"
        for s in sets:
            scored = [(predict(w, r[3]), r[2]) for r in part if r[0] == s]
            if scored:
                print(f"{kind:9} {s:24} rows {len(scored):5}  wrong {sum(1 for _, ok in scored if not ok):4}"
                      f"  AUROC {auroc(scored):.3f}", file=sys.stderr)
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "src", "align", "score.rs")
    text = open(path, encoding="utf-8").read()
    for name, w in (("WEIGHTS", out[True]), ("SKIP_WEIGHTS", out[False])):
        body = ", ".join(f"{v:.4}" for v in w)
        text = re.sub(rf"const {name}: \[f64; \d+\] = \[[^\]]*\];",
                      f"const {name}: [f64; {len(w)}] = [{body}];", text)
    open(path, "w", encoding="utf-8").write(text)
    print(f"weights written to {os.path.normpath(path)}", file=sys.stderr)


if __name__ == "__main__":
    main()
