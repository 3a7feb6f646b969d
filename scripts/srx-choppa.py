#!/usr/bin/env python3
"""Checks `bitext srx` against an independent SRX 2.0 engine (choppa-srx, a port of the Java
`segment` library that reproduces OmegaT's segmentation).

For each language it segments the bundled corpus, the golden sets and the UD dev sets three
ways: `bitext split` (built-in rules), `bitext split --srx FILE` and choppa with FILE. Segments
are compared as spans of non-space characters. It fails when fewer than --min-builtin percent
of the built-in splitter's segments come out of choppa identical, when bitext's own SRX
engine and choppa disagree on any segment, or when the file is not valid against the SRX 2.0
schema.

  python srx-choppa.py --bitext target/release/bitext --srx bitext.srx --shared ../shared
"""
import argparse
import glob
import json
import os
import subprocess
import sys

from choppa import SRX_2_XSD, SrxDocument
from choppa.iterators import SrxTextIterator

SETS = {
    "ru": ["golden_ru", "razdel_unit", "ud_gsd_ru", "ud_taiga_ru"],
    "en": ["golden_en", "ud_gum_en"],
}


def decode(raw):
    """Decodes a corpus file: UTF-8 (with or without BOM), else the Cyrillic code page whose
    reading has more of the commonest lower-case Russian letters."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = None
    for enc in ("cp1251", "koi8_r"):
        text = raw.decode(enc, errors="replace")
        score = sum(text.count(c) for c in "оеаинт")
        if best is None or score > best[0]:
            best = (score, text)
    return best[1]


def units(lang, repo, shared):
    """Stretches of text, one paragraph each, with the set they come from: corpus lines and
    evaluation texts."""
    out = []
    for path in sorted(glob.glob(os.path.join(repo, "corpora", "pairs", f"*.{lang}.txt"))):
        text = decode(open(path, "rb").read()).replace("\r\n", "\n")
        out += [("corpus", l.strip()) for l in text.split("\n") if l.strip()]
    for name in SETS[lang]:
        path = os.path.join(shared, "eval", "segment", name + ".jsonl")
        if not os.path.exists(path):
            print(f"srx-choppa: skipped {name}: {path} is missing")
            continue
        for line in open(path, encoding="utf-8"):
            if line.strip():
                text = " ".join(json.loads(line)["text"].split())
                if text:
                    out.append((name, text))
    return out


def nows(s):
    return "".join(s.split())


def spans(segments):
    out, pos = set(), 0
    for s in segments:
        n = len(nows(s))
        if n:
            out.add((pos, pos + n))
            pos += n
    return out


def bitext_split(bitext, lang, texts, srx=None):
    cmd = [bitext, "split", "--lang", lang] + (["--srx", srx] if srx else [])
    joined = "\n\n".join(texts) + "\n"
    p = subprocess.run(cmd, input=joined.encode("utf-8"), stdout=subprocess.PIPE, check=True)
    return [l for l in p.stdout.decode("utf-8").split("\n") if l.strip()]


def choppa_split(document, lang, texts):
    out = []
    for t in texts:
        out += list(SrxTextIterator(document, lang, t))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bitext", required=True)
    ap.add_argument("--srx", required=True)
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--repo", default=".")
    ap.add_argument("--min-builtin", type=float, default=99.5,
                    help="percent of built-in segments choppa must reproduce, every language")
    ap.add_argument("--min-builtin-en", type=float,
                    help="the same for English, when it differs")
    ap.add_argument("--show", type=int, default=5)
    args = ap.parse_args()
    # The file must be valid against the SRX 2.0 schema before it is used.
    document = SrxDocument(ruleset=args.srx, validate_ruleset=SRX_2_XSD)
    print(f"srx-choppa: {args.srx} is valid SRX 2.0 (schema check)")
    ok = True
    for lang in ("ru", "en"):
        labelled = units(lang, args.repo, args.shared)
        texts = [t for _, t in labelled]
        builtin = spans(bitext_split(args.bitext, lang, texts))
        own = spans(bitext_split(args.bitext, lang, texts, args.srx))
        chop_segments = choppa_split(document, lang, texts)
        chop = spans(chop_segments)
        same = len(builtin & chop)
        rate = 100.0 * same / max(len(builtin), len(chop))
        own_diff = len(own ^ chop)
        print(
            f"srx-choppa: {lang}: {len(texts)} paragraphs, {len(builtin)} built-in segments; "
            f"choppa with the SRX file: {rate:.2f}% identical; "
            f"bitext split --srx vs choppa: {own_diff} segments differ"
        )
        floor = args.min_builtin_en if lang == "en" and args.min_builtin_en else args.min_builtin
        # The same figure per set, from where each set's text starts and ends.
        start, bounds = 0, {}
        for name, t in labelled:
            n = len(nows(t))
            lo, _ = bounds.get(name, (start, start))
            bounds[name] = (lo, start + n)
            start += n
        parts = []
        for name, (lo, hi) in bounds.items():
            b = {x for x in builtin if lo <= x[0] < hi}
            c = {x for x in chop if lo <= x[0] < hi}
            parts.append(f"{name} {100.0 * len(b & c) / max(len(b), len(c), 1):.2f}%")
        print(f"  per set: {', '.join(parts)}")
        if rate < floor or own_diff:
            print(f"srx-choppa: {lang}: FAILED (floor {floor}%, engines must agree on every segment)")
            ok = False
        if args.show:
            flat = nows("".join(texts))
            for a, b in sorted(builtin - chop)[: args.show]:
                print(f"  built-in only: {flat[max(0, a - 30):a]}|{flat[a:b][:80]}|")
            for a, b in sorted(chop - builtin)[: args.show]:
                print(f"  choppa only:   {flat[max(0, a - 30):a]}|{flat[a:b][:80]}|")
            for a, b in sorted(own ^ chop)[: args.show]:
                print(f"  srx engines differ: {flat[max(0, a - 30):a]}|{flat[a:b][:80]}|")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
