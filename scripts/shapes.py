#!/usr/bin/env python3
"""Alignment of documents of other shapes, built from a gold-aligned set (one sentence a
line, NAME.<src>, NAME.<tgt>, NAME.gold): one side cut to a part of itself (its first 40%,
its middle half, at link boundaries), a section of another document inserted in the middle
of one side, and a block of sentences moved to the end of one side. The gold keeps the links
inside the part and marks every other sentence unaligned. A moved block is a crossing that
no path can follow: strict F1 takes as its gold the best path (the block left unaligned on
both sides), while scores are judged against the translations themselves (a link of a moved
sentence with its own translation is right wherever the path puts it). Prints strict/lax F1 per shape
and a calibration table (share of right links per score band) for whole and partial
documents.

usage: shapes.py GOLD_DIR BITEXT [--src ru --tgt en] [--keep DIR] [-- extra align flags]

--keep DIR keeps the documents of each shape in DIR/<shape> (one sentence a line, with the
links that are right), for scoring them again (score_detect.py, the score's fit).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor



def read_lines(path):
    return [line for line in open(path, encoding="utf-8").read().split("\n") if line.strip()]


def parse_gold(path):
    out = []
    for line in open(path, encoding="utf-8"):
        if not line.strip():
            continue
        s, t = line.strip().split(":")
        side = lambda x: [int(v) for v in x.strip()[1:-1].split(",") if v.strip()]  # noqa: E731
        out.append((side(s), side(t)))
    return out


def fmt(links):
    side = lambda x: "[" + ", ".join(str(v) for v in x) + "]"  # noqa: E731
    return "".join(f"{side(s)}:{side(t)}\n" for s, t in links)


def cut(src, tgt, gold, side, lo_share, hi_share):
    """Keeps links whose `side` sentences fall in the share lo..hi of that side (cut at link
    boundaries); the other side stays whole, its sentences outside the kept links unaligned."""
    k = 0 if side == "src" else 1
    n = len(src) if side == "src" else len(tgt)
    start = stop = None
    for idx, link in enumerate(gold):
        ids = link[k]
        if not ids:
            continue
        if start is None and ids[0] >= lo_share * n:
            start = idx
        if ids[-1] < hi_share * n:
            stop = idx + 1
    if start is None or stop is None or stop <= start:
        return None
    kept = gold[start:stop]
    part_ids = [i for link in kept for i in link[k]]
    if not part_ids:
        return None
    first, last = min(part_ids), max(part_ids)
    other_kept = {i for link in kept for i in link[1 - k]}
    new_gold = []
    for s, t in kept:
        s2 = [i - first for i in s] if k == 0 else s
        t2 = [i - first for i in t] if k == 1 else t
        new_gold.append((s2, t2))
    m = len(tgt) if side == "src" else len(src)
    for j in range(m):
        if j not in other_kept:
            new_gold.append(([], [j]) if side == "src" else ([j], []))
    if side == "src":
        return src[first:last + 1], tgt, new_gold
    return src, tgt[first:last + 1], new_gold


def insert(src, tgt, gold, extra):
    """Inserts `extra` target sentences after the link in the middle of the document."""
    mid = len(gold) // 2
    while mid < len(gold) and not gold[mid][1]:
        mid += 1
    if mid >= len(gold) - 1:
        return None
    at = max(gold[mid][1]) + 1
    shift = lambda t: [j + len(extra) if j >= at else j for j in t]  # noqa: E731
    new_gold = [(s, shift(t)) for s, t in gold] + [([], [at + k]) for k in range(len(extra))]
    return src, tgt[:at] + extra + tgt[at:], new_gold


def move(src, tgt, gold):
    """Moves the source sentences of three 1-1 links from the first third to the end."""
    start = len(gold) // 4
    block = None
    for a in range(start, len(gold) - 3):
        if all(len(s) == 1 and len(t) == 1 for s, t in gold[a:a + 3]):
            block = a
            break
    if block is None:
        return None
    moved = [gold[block + k][0][0] for k in range(3)]
    order = [i for i in range(len(src)) if i not in moved] + moved
    new_index = {old: new for new, old in enumerate(order)}
    # The best path leaves the moved sentences and their translations unaligned; the
    # translations themselves stay the links that are right.
    new_gold = []
    for idx, (s, t) in enumerate(gold):
        if block <= idx < block + 3:
            new_gold.append(([new_index[s[0]]], []))
            new_gold.append(([], t))
        else:
            new_gold.append(([new_index[i] for i in s], t))
    truth = [([new_index[i] for i in s], t) for s, t in gold]
    return [src[i] for i in order], tgt, new_gold, truth


def run_doc(args):
    bitext, work, name, sl, tl, flags = args
    out = subprocess.run(
        [bitext, "align", "--presegmented", "--src-lang", sl, "--tgt-lang", tl, "--format", "jsonl",
         f"{work}/{name}.{sl}", f"{work}/{name}.{tl}", *flags],
        capture_output=True, text=True)
    links = []
    for line in out.stdout.splitlines():
        r = json.loads(line)
        rng = lambda x: [] if not x else (list(range(int(x.split("-")[0]), int(x.split("-")[1]) + 1)) if "-" in x else [int(x)])  # noqa: E731
        links.append((rng(r["src_index"]), rng(r["tgt_index"]), r["score"]))
    with open(f"{work}/{name}.align", "w") as f:
        f.write(fmt([(s, t) for s, t, _ in links]))
    return name, links, out.stderr


def score(work, scorer):
    out = subprocess.run([sys.executable, scorer, "--gold-dir", work, "--test-dir", work],
                         capture_output=True, text=True)
    r = json.loads(out.stdout.strip().splitlines()[-1])
    return r["f1_strict"], r["f1_lax"]


def main():
    argv = sys.argv[1:]
    flags = []
    if "--" in argv:
        flags = argv[argv.index("--") + 1:]
        argv = argv[:argv.index("--")]
    gold_dir, bitext = argv[0], os.path.abspath(argv[1])
    sl, tl = "ru", "en"
    if "--src" in argv:
        sl = argv[argv.index("--src") + 1]
    if "--tgt" in argv:
        tl = argv[argv.index("--tgt") + 1]
    scorer = os.path.join(os.path.abspath(gold_dir.rstrip("/")), "..", "..", "..", "score_align.py")
    scorer = os.path.normpath(scorer)
    keep = argv[argv.index("--keep") + 1] if "--keep" in argv else None
    names = sorted(f[:-5] for f in os.listdir(gold_dir) if f.endswith(".gold"))
    docs = {n: (read_lines(f"{gold_dir}/{n}.{sl}"), read_lines(f"{gold_dir}/{n}.{tl}"),
                parse_gold(f"{gold_dir}/{n}.gold")) for n in names}
    shapes = {
        "whole": lambda n, d: d,
        f"{sl} first 40%": lambda n, d: cut(*d, "src", 0.0, 0.4),
        f"{tl} first 40%": lambda n, d: cut(*d, "tgt", 0.0, 0.4),
        f"{sl} middle half": lambda n, d: cut(*d, "src", 0.25, 0.75),
        f"{tl} extra section": lambda n, d: insert(*d, docs[names[(names.index(n) + 1) % len(names)]][1][:8]),
        f"{sl} moved block": lambda n, d: move(*d),
    }
    bands = {}
    tmp = tempfile.mkdtemp()
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for k, (shape, make) in enumerate(shapes.items()):
            work = os.path.join(tmp, str(k))
            os.makedirs(work)
            jobs = []
            for n in names:
                made = make(n, docs[n])
                if made is None:
                    continue
                s, t, g = made[:3]
                open(f"{work}/{n}.{sl}", "w", encoding="utf-8").write("\n".join(s) + "\n")
                open(f"{work}/{n}.{tl}", "w", encoding="utf-8").write("\n".join(t) + "\n")
                open(f"{work}/{n}.gold", "w").write(fmt(g))
                open(f"{work}/{n}.truth", "w").write(fmt(made[3] if len(made) > 3 else g))
                jobs.append((bitext, work, n, sl, tl, flags))
            cal = bands.setdefault("whole" if shape == "whole" else "other shapes", [[0, 0], [0, 0], [0, 0]])
            for n, links, _ in pool.map(run_doc, jobs):
                gold = {(tuple(s), tuple(t)) for s, t in parse_gold(f"{work}/{n}.truth")}
                for s, t, sc in links:
                    if not s or not t:
                        continue
                    b = 0 if sc >= 0.9 else 1 if sc >= 0.5 else 2
                    cal[b][0] += (tuple(s), tuple(t)) in gold
                    cal[b][1] += 1
            strict, lax = score(work, scorer)
            if keep:
                dest = os.path.join(keep, shape.replace(" ", "-").replace("%", ""))
                shutil.rmtree(dest, ignore_errors=True)
                shutil.copytree(work, dest, ignore=shutil.ignore_patterns("*.align", "*.gold"))
                for n in names:
                    if os.path.exists(f"{dest}/{n}.truth"):
                        os.rename(f"{dest}/{n}.truth", f"{dest}/{n}.gold")
            print(f"{shape:20} strict F1 {strict:.3f}, lax F1 {lax:.3f} ({len(jobs)} documents)")
    shutil.rmtree(tmp, ignore_errors=True)
    print("calibration (right links / links per score band):")
    for kind, cal in bands.items():
        cells = []
        for label, (right, total) in zip(("≥0.9", "0.5–0.9", "<0.5"), cal):
            share = f"{right / total:.0%}" if total else "–"
            cells.append(f"{label}: {share} of {total}")
        print(f"  {kind:14} " + ", ".join(cells))


if __name__ == "__main__":
    main()
