#!/usr/bin/env python3
"""Typesets text pairs as journal articles with headless Chromium (Skia's PDF writer, a
producer other than LibreOffice and pdfLaTeX): A4, two justified CSS columns with automatic
hyphenation in the document's language, Chromium's own running head (date, title) and foot
(address, "page/pages"), a title across both columns, section headings, one bulleted list,
footnote markers raised in the text and the notes as a numbered list in small type under a
rule after the body; paragraphs told apart by a first-line indent only.

Writes per document and language NAME.LANG.pdf, NAME.LANG.ref.txt (the text as typeset:
title, then every paragraph, heading and list item, blank-line separated) and
NAME.LANG.notes.txt (the notes, one a line).

--variant sets the pages in another house style:
  narrow   a gutter of 0.35 cm, which lets the text layer run the lines of a short column
           into the other's;
  parskip  paragraphs set apart by space, not indented, headings a point larger in bold;
  tracked  letters spaced 0.06 em apart, so that a line of one long word cannot be justified;
  ragged   ragged right, not justified.

Usage: chrome-journal.py IN_DIR OUT_DIR [--variant narrow|parskip|tracked|ragged]
       (IN_DIR holds NAME.ru.txt / NAME.en.txt)
"""
import html
import subprocess
import sys
from pathlib import Path

from journal_text import layout, paragraphs, read

STYLE = """
@page { size: A4; margin: 2cm 1.8cm; }
body { font: 10pt/1.3 "DejaVu Serif", serif; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 1.2em; }
main { columns: 2; column-gap: 0.8cm; text-align: justify; hyphens: auto; }
h2 { font-size: 11pt; margin: 0.8em 0 0.3em; break-after: avoid; }
p { margin: 0; text-indent: 1.5em; }
ul { margin: 0.3em 0; padding-left: 1.2em; }
sup { font-size: 7pt; line-height: 0; }
.notes { font-size: 8pt; border-top: 0.5pt solid black; margin-top: 1em; padding-top: 0.3em; }
.notes ol { margin: 0; padding-left: 1.5em; }
"""


VARIANTS = {
    "narrow": [("column-gap: 0.8cm", "column-gap: 0.35cm")],
    "parskip": [("p { margin: 0; text-indent: 1.5em; }", "p { margin: 0 0 0.6em; text-indent: 0; }")],
    "tracked": [("hyphens: auto; }", "hyphens: auto; letter-spacing: 0.06em; }")],
    "ragged": [("text-align: justify; hyphens: auto;", "text-align: left;")],
}


def style(variant):
    css = STYLE
    for old, new in VARIANTS.get(variant, []):
        assert old in css, old
        css = css.replace(old, new)
    return css


def build(lang, paras, variant=None):
    title, layout_parts, ref, notes = layout(lang, paras)
    e = html.escape
    parts = []
    for kind, *rest in layout_parts:
        if kind == "h":
            parts.append(f"<h2>{e(rest[0])}</h2>")
        elif kind == "list":
            parts.append("<ul>" + "".join(f"<li>{e(s)}</li>" for s in rest[0]) + "</ul>")
        else:
            first, note, after = rest
            marker = f"<sup>{notes.index(note) + 1}</sup> {e(after)}" if note else ""
            parts.append(f"<p>{e(first)}{marker}</p>")
    if notes:
        parts.append('<div class="notes"><ol>' + "".join(f"<li>{e(n)}</li>" for n in notes) + "</ol></div>")
    page = (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{e(title)}</title>'
            f"<style>{style(variant)}</style></head><body><h1>{e(title)}</h1><main>{''.join(parts)}</main></body></html>")
    return page, ref, notes


def main():
    src, out = Path(sys.argv[1]), Path(sys.argv[2]).resolve()
    variant = sys.argv[sys.argv.index("--variant") + 1] if "--variant" in sys.argv else None
    out.mkdir(parents=True, exist_ok=True)
    for ru in sorted(src.glob("*.ru.txt")):
        name = ru.name[:-7]
        for lang in ("ru", "en"):
            page, ref, notes = build(lang, paragraphs(read(src / f"{name}.{lang}.txt")), variant)
            (out / f"{name}.{lang}.html").write_text(page, encoding="utf-8")
            (out / f"{name}.{lang}.ref.txt").write_text("\n\n".join(ref) + "\n", encoding="utf-8")
            (out / f"{name}.{lang}.notes.txt").write_text("".join(n + "\n" for n in notes), encoding="utf-8")
            r = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                                f"--user-data-dir={out / '.profile'}",
                                f"--print-to-pdf={out / f'{name}.{lang}.pdf'}",
                                (out / f"{name}.{lang}.html").as_uri()],
                               capture_output=True, text=True, timeout=120)
            if not (out / f"{name}.{lang}.pdf").exists():
                sys.exit(f"chromium failed on {name}.{lang}.html: {r.stderr.strip()[:300]}")


if __name__ == "__main__":
    main()
