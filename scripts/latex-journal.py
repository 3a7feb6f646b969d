#!/usr/bin/env python3
"""Typesets text pairs as journal articles with pdfLaTeX: A4, two columns, babel hyphenation
in the document's language, a fancyhdr running head and page number, footnotes, one
itemize list and unnumbered section headings; paragraphs are told apart by their first-line
indent only, as LaTeX sets them.

Writes per document and language NAME.LANG.pdf, NAME.LANG.ref.txt (the text as typeset:
title, then every paragraph, heading and list item, blank-line separated) and
NAME.LANG.notes.txt (the footnotes, one a line).

Usage: latex-journal.py IN_DIR OUT_DIR   (IN_DIR holds NAME.ru.txt / NAME.en.txt)
"""
import subprocess
import sys
from pathlib import Path

import journal_text
from journal_text import layout, read

BABEL = {"ru": "english,russian", "en": "russian,english"}


def paragraphs(text):
    # As LaTeX sets them: a straight apostrophe is a right quote, "…" three full stops.
    return journal_text.paragraphs(text.replace("'", "’").replace("…", "..."))


def tex(s):
    out = []
    for c in s:
        if c in "&%$#_{}":
            out.append("\\" + c)
        elif c == "\\":
            out.append("\\textbackslash{}")
        elif c == "~":
            out.append("\\textasciitilde{}")
        elif c == "^":
            out.append("\\textasciicircum{}")
        elif c == '"':
            # Babel's Russian makes " a shorthand that would swallow the character after it.
            out.append("\\textquotedbl{}")
        else:
            out.append(c)
    return "".join(out)


def build(name, lang, paras):
    title, parts, ref, notes = layout(lang, paras)
    lines = []
    for kind, *rest in parts:
        if kind == "h":
            lines.append(f"\\section*{{{tex(rest[0])}}}")
        elif kind == "list":
            lines.append("\\begin{itemize}")
            lines += [f"\\item {tex(s)}" for s in rest[0]]
            lines.append("\\end{itemize}")
        else:
            first, note, after = rest
            text = tex(first) + (f"\\footnote{{{tex(note)}}} " + tex(after) if note else "")
            lines.append(text + "\n")
    short = title if len(title) <= 50 else title[:50].rsplit(" ", 1)[0] + "…"
    doc = rf"""\documentclass[10pt,twocolumn,a4paper]{{article}}
\usepackage[T2A]{{fontenc}}
\usepackage[utf8]{{inputenc}}
\usepackage[{BABEL[lang]}]{{babel}}
\usepackage[margin=2cm]{{geometry}}
\usepackage{{fancyhdr}}
\pagestyle{{fancy}}
\fancyhead{{}}\fancyhead[L]{{\small\itshape {tex(short)}}}
\fancyfoot{{}}\fancyfoot[C]{{\thepage}}
\begin{{document}}
\twocolumn[{{\centering\LARGE\bfseries {tex(title)}\par\vspace{{1.5em}}}}]
\thispagestyle{{fancy}}
{chr(10).join(lines)}
\end{{document}}
"""
    return doc, ref, notes


def main():
    src, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    for ru in sorted(src.glob("*.ru.txt")):
        name = ru.name[:-7]
        for lang in ("ru", "en"):
            doc, ref, notes = build(name, lang, paragraphs(read(src / f"{name}.{lang}.txt")))
            (out / f"{name}.{lang}.tex").write_text(doc, encoding="utf-8")
            (out / f"{name}.{lang}.ref.txt").write_text("\n\n".join(ref) + "\n", encoding="utf-8")
            (out / f"{name}.{lang}.notes.txt").write_text("".join(n + "\n" for n in notes), encoding="utf-8")
            r = subprocess.run(["pdflatex", "-interaction=batchmode", "-halt-on-error", f"{name}.{lang}.tex"],
                               cwd=out, capture_output=True, text=True)
            if r.returncode != 0:
                sys.exit(f"pdflatex failed on {name}.{lang}.tex (see {out}/{name}.{lang}.log)")


if __name__ == "__main__":
    main()
