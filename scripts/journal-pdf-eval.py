#!/usr/bin/env python3
"""Journal PDFs against their plain text: the corpus pairs typeset as journal pages by
../shared/tools/journal-pdfs (two justified columns, hyphenation, running heads, footnotes,
a bulleted list), each PDF pair aligned with bitext, and its translation units compared
with the units of the same text aligned as plain text (the text as typeset, its footnotes
as paragraphs after the body).

A unit is the pair of its two sides with white space removed; recall is the share of the
plain-text units the PDF pair gives too, precision the share of the PDF units the plain
text gives too (units counted with their repeats).

With --producer latex the pages are set by pdfLaTeX instead (scripts/latex-journal.py), with
--producer chrome by headless Chromium (scripts/chrome-journal.py), with --producer
chrome-VARIANT in another house style of that script (narrow, parskip, tracked, ragged). With
--producer ghostscript
the journal-pdfs pages are written again by Ghostscript's pdfwrite, as a PDF printed to PDF
(a print driver, Distiller) is: fonts re-embedded and measured anew, text runs regrouped.

Usage: journal-pdf-eval.py --bitext BIN --shared DIR [--seeds 1 2 3] [--pairs corpora/pairs]
                           [--producer libreoffice|latex|chrome[-VARIANT]|ghostscript]
                           [--keep DIR] [--show N]
"""
import argparse
import collections
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def units(tmx):
    """(ru, en) of every unit of a TMX file, white space removed."""
    out = []
    for tu in ET.parse(tmx).getroot().iter("tu"):
        sides = {}
        for tuv in tu.iter("tuv"):
            lang = (tuv.get(XML_LANG) or "").lower().split("-")[0]
            seg = tuv.find("seg")
            sides[lang] = "".join("".join(seg.itertext()).split()) if seg is not None else ""
        out.append((sides.get("ru", ""), sides.get("en", "")))
    return out


def align(bitext, ru, en, tmx):
    r = subprocess.run([bitext, "align", str(ru), str(en), "-o", str(tmx)],
                       capture_output=True, text=True)
    if r.returncode != 0:
        print(f"  {ru.name}: bitext failed: {r.stderr.strip()}", file=sys.stderr)
        return []
    return units(tmx)


def plain(d, name, lang):
    """The text as typeset with its footnotes as paragraphs after the body."""
    ref = (d / f"{name}.{lang}.ref.txt").read_text(encoding="utf-8").rstrip("\n")
    notes = [n for n in (d / f"{name}.{lang}.notes.txt").read_text(encoding="utf-8").splitlines() if n.strip()]
    path = d / "plain" / f"{name}.{lang}.txt"
    path.parent.mkdir(exist_ok=True)
    path.write_text("\n\n".join([ref] + notes) + "\n", encoding="utf-8")
    return path


def run_seed(a, seed, work):
    d = work / f"seed{seed}"
    env = dict(os.environ, TMPDIR=str(work / "tmp"))  # a LibreOffice profile of our own
    (work / "tmp").mkdir(exist_ok=True)
    if a.producer == "latex" or a.producer.startswith("chrome"):
        script = Path(__file__).resolve().parent / f"{a.producer.split('-')[0]}-journal.py"
        extra = ["--variant", a.producer.split("-", 1)[1]] if "-" in a.producer else []
        subprocess.run([sys.executable, str(script), str(a.pairs), str(d)] + extra,
                       check=True, env=env, stdout=subprocess.DEVNULL)
    else:
        subprocess.run([str(a.shared / "tools" / "journal-pdfs"), str(a.pairs), str(d), "--seed", str(seed)],
                       check=True, env=env, stdout=subprocess.DEVNULL)
    if a.producer == "ghostscript":
        for pdf in sorted(d.glob("*.pdf")):
            again = pdf.with_suffix(".gs.pdf")
            subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=pdfwrite",
                            f"-sOutputFile={again}", str(pdf)], check=True)
            again.replace(pdf)
    names = sorted(p.name[:-7] for p in d.glob("*.ru.pdf"))
    hit = ref_n = pdf_n = 0
    misses = []
    for name in names:
        ref = align(a.bitext, plain(d, name, "ru"), plain(d, name, "en"), d / f"{name}.plain.tmx")
        got = align(a.bitext, d / f"{name}.ru.pdf", d / f"{name}.en.pdf", d / f"{name}.pdf.tmx")
        common = collections.Counter(ref) & collections.Counter(got)
        n = sum(common.values())
        hit, ref_n, pdf_n = hit + n, ref_n + len(ref), pdf_n + len(got)
        print(f"  {name}: recall {n / max(len(ref), 1):.3f} ({n}/{len(ref)}), "
              f"precision {n / max(len(got), 1):.3f} ({n}/{len(got)})")
        extra = collections.Counter(got) - collections.Counter(ref)
        misses += [(name, u) for u in extra.elements()]
    r, p = hit / max(ref_n, 1), hit / max(pdf_n, 1)
    print(f"{a.producer} seed {seed}: recall {r:.3f} ({hit}/{ref_n}), precision {p:.3f} ({hit}/{pdf_n}), {len(names)} pairs")
    for name, (ru, en) in misses[:a.show]:
        print(f"    not in the plain text: {name}: {ru[:90]} | {en[:90]}")
    return r, p


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bitext", required=True)
    ap.add_argument("--shared", type=Path, required=True)
    ap.add_argument("--pairs", type=Path, default=Path(__file__).resolve().parent.parent / "corpora" / "pairs")
    ap.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    ap.add_argument("--keep", type=Path, help="write the PDFs and memories here and keep them")
    ap.add_argument("--producer", choices=["libreoffice", "latex", "chrome", "chrome-narrow", "chrome-parskip",
                                           "chrome-tracked", "chrome-ragged", "ghostscript"],
                    default="libreoffice",
                    help="journal-pdfs (LibreOffice), scripts/latex-journal.py (pdfLaTeX), "
                         "scripts/chrome-journal.py (Chromium, chrome-VARIANT in another house style; "
                         "these take no seeds) or "
                         "journal-pdfs written again by Ghostscript")
    ap.add_argument("--show", type=int, default=0, help="print this many PDF units the plain text lacks")
    a = ap.parse_args()
    a.shared, a.pairs = a.shared.resolve(), a.pairs.resolve()
    if a.keep:
        a.keep.mkdir(parents=True, exist_ok=True)
        work = a.keep.resolve()
        for seed in a.seeds:
            run_seed(a, seed, work)
    else:
        with tempfile.TemporaryDirectory() as t:
            for seed in a.seeds:
                run_seed(a, seed, Path(t))


if __name__ == "__main__":
    main()
