#!/usr/bin/env python3
"""Fits the weights of bitext's row score (src/align/score.rs) on gold-aligned sets.

usage: fit-scores.py FEATURES.csv [FEATURES.csv ...]

Each file is what `cargo run --release --example score_features -- DIR SRC TGT SET` prints.
Fits one logistic model for links and one for unaligned sentences (Newton's method with a
small L2 penalty), prints each set's AUROC before writing, and rewrites the WEIGHTS and
SKIP_WEIGHTS constants of src/align/score.rs in place, with the range each input took in the
rows fitted (RANGES, SKIP_RANGES): the score holds a row's inputs within them, so that a row
unlike any it was fitted on (a length far off, as a headline run into a sentence gives) is not
scored by a straight line drawn past the data. It also prints what the same fit does
on documents it has not seen: five folds, each document's rows (in every set built from it)
held out together, as held-back sets of the same kinds are. `make fit-scores` runs it on the
shared gold sets (never on held-back ones): no set gets weights of its own.
"""
import csv
import math
import os
import re
import sys

L2 = 1.0

# Folds of the held-out estimate, and the rows of a passage held out together in a set that
# is one long document (its passages stand in for documents).
FOLDS = 5
PASSAGE = 40


def load(paths):
    rows = []
    for p in paths:
        with open(p, encoding="utf-8") as f:
            for r in csv.reader(f):
                if r[0] == "set":
                    continue
                rows.append((r[0], r[2] == "1", r[3] == "1", [float(v) for v in r[4:]], r[1]))
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


def groups(rows):
    """The unit each row is held out with: its document, the same in every set built from it
    (the partial shapes are cut from the ntrex documents), or a passage of a set that is one
    document."""
    docs_per_set = {}
    for r in rows:
        docs_per_set.setdefault(r[0], set()).add(r[4])
    seen = {}
    out = []
    for r in rows:
        if len(docs_per_set[r[0]]) == 1:
            k = seen.get(r[0], 0)
            seen[r[0]] = k + 1
            out.append(f"{r[0]}:{k // PASSAGE}")
        else:
            out.append(f"doc:{r[4]}")
    return out


def lowest_share(scored, share):
    """The share of the wrong rows found among the lowest-scored `share` of the rows."""
    wrong = sum(1 for _, ok in scored if not ok)
    if not wrong:
        return float("nan")
    k = max(1, round(len(scored) * share))
    low = sorted(range(len(scored)), key=lambda i: scored[i][0])[:k]
    return sum(1 for i in low if not scored[i][1]) / wrong


def held_out(rows, sets):
    """Fits on four folds of the documents and scores the fifth, for each fold in turn, and
    prints per set what the scores of unseen documents do."""
    unit = groups(rows)
    names = sorted(set(unit))
    fold = {g: i % FOLDS for i, g in enumerate(names)}
    print(f"held out by document ({FOLDS} folds; each document's rows in every set together):",
          file=sys.stderr)
    for pair in (True, False):
        idx = [i for i, r in enumerate(rows) if r[1] == pair]
        scores = {}
        for f in range(FOLDS):
            train = [i for i in idx if fold[unit[i]] != f]
            test = [i for i in idx if fold[unit[i]] == f]
            if not train or not test:
                continue
            w = fit([rows[i][3] for i in train], [1.0 if rows[i][2] else 0.0 for i in train],
                    [1.0] * len(train))
            for i in test:
                scores[i] = predict(w, rows[i][3])
        kind = "links" if pair else "unaligned"
        for s in sets:
            scored = [(scores[i], rows[i][2]) for i in idx if rows[i][0] == s and i in scores]
            wrong = [p for p, ok in scored if not ok]
            if not wrong or len(wrong) == len(scored):
                continue
            high = sum(1 for p in wrong if p >= 0.9) / len(wrong)
            print(f"{kind:9} {s:24} AUROC {auroc(scored):.3f}  lowest 10% {lowest_share(scored, 0.1):.2f}"
                  f"  wrong >= 0.9 {high:.2f}", file=sys.stderr)


def main():
    rows = load(sys.argv[1:])
    sets = sorted({r[0] for r in rows})
    out, ranges = {}, {}
    for pair in (True, False):
        part = [r for r in rows if r[1] == pair]
        ranges[pair] = [(min(col), max(col)) for col in zip(*(r[3] for r in part))]
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
    held_out(rows, sets)
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "src", "align", "score.rs")
    text = open(path, encoding="utf-8").read()
    for name, w in (("WEIGHTS", out[True]), ("SKIP_WEIGHTS", out[False])):
        body = ", ".join(f"{v:.4}" for v in w)
        text = re.sub(rf"const {name}: \[f64; \d+\] = \[[^\]]*\];",
                      f"const {name}: [f64; {len(w)}] = [{body}];", text)
    for name, r in (("RANGES", ranges[True]), ("SKIP_RANGES", ranges[False])):
        body = ", ".join(f"({lo + 0.0:.4}, {hi + 0.0:.4})" for lo, hi in r)
        text = re.sub(rf"const {name}: \[\(f64, f64\); \d+\] = \[[^\]]*\];",
                      f"const {name}: [(f64, f64); {len(r)}] = [{body}];", text)
    open(path, "w", encoding="utf-8").write(text)
    print(f"weights written to {os.path.normpath(path)}", file=sys.stderr)


if __name__ == "__main__":
    main()
