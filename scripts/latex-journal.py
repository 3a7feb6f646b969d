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
import re
import subprocess
import sys
from pathlib import Path

SENT = re.compile(r"(?<=[.!?]) (?=[A-ZА-ЯЁ])")
NOTE = {"ru": "Источник {k}, с. {p}.", "en": "Source {k}, p. {p}."}
BABEL = {"ru": "english,russian", "en": "russian,english"}


def read(path):
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # The legacy code page whose reading has the more common Russian lower-case letters.
    common = set("оеаинтсрвл")
    return max((raw.decode(e, "replace") for e in ("cp1251", "koi8_r")),
               key=lambda t: sum(c in common for c in t))


def paragraphs(text):
    # As LaTeX sets them: a straight apostrophe is a right quote, "…" three full stops.
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("'", "’").replace("…", "...")
    return [" ".join(b.split()) for b in re.split(r"\n[ \t]*\n", text) if b.strip()]


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


def heading(p, nxt):
    return len(p) < 90 and not re.search(r"[.!?:;…»\")]$", p) and nxt is not None and len(nxt) >= 200


def build(name, lang, paras):
    title, body = paras[0], paras[1:]
    lines, ref, notes = [], [title], []
    list_at = len(body) // 2
    for i, p in enumerate(body):
        nxt = body[i + 1] if i + 1 < len(body) else None
        if heading(p, nxt):
            lines.append(f"\\section*{{{tex(p)}}}")
            ref.append(p)
            continue
        sents = SENT.split(p)
        if i >= list_at and len(sents) >= 3 and list_at >= 0:
            lines.append("\\begin{itemize}")
            lines += [f"\\item {tex(s)}" for s in sents]
            lines.append("\\end{itemize}")
            ref += sents
            list_at = -1
            continue
        if i % 4 == 2 and len(sents) >= 2 and re.search(r"\w{3}\.$", sents[0]):
            note = NOTE[lang].format(k=len(notes) + 1, p=10 + 7 * i)
            notes.append(note)
            text = tex(sents[0]) + f"\\footnote{{{tex(note)}}} " + tex(" ".join(sents[1:]))
        else:
            text = tex(p)
        lines.append(text + "\n")
        ref.append(p)
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
