"""What the journal typesetters (latex-journal.py, chrome-journal.py) share: reading a text
pair's file, cutting it into paragraphs, and laying the article out as a journal sets it
(headings, one bulleted list, footnotes) while writing down the text as typeset."""
import re

SENT = re.compile(r"(?<=[.!?]) (?=[A-ZА-ЯЁ])")
NOTE = {"ru": "Источник {k}, с. {p}.", "en": "Source {k}, p. {p}."}


def read(path):
    """A corpus file: UTF-8 (with or without BOM), else the Cyrillic code page whose reading
    has the more common Russian lower-case letters."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    common = set("оеаинтсрвл")
    return max((raw.decode(e, "replace") for e in ("cp1251", "koi8_r")),
               key=lambda t: sum(c in common for c in t))


def paragraphs(text):
    return [" ".join(b.split()) for b in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
            if b.strip()]


def heading(p, nxt):
    return len(p) < 90 and not re.search(r"[.!?:;…»\")]$", p) and nxt is not None and len(nxt) >= 200


def layout(lang, paras):
    """The article as a journal sets it: its title, then per paragraph ("h", text) for a
    heading, ("list", sentences) for the one bulleted list, ("p", first, note, rest) for a
    paragraph (note and rest empty unless a footnote follows its first sentence); with the
    text as typeset and the notes."""
    title, body = paras[0], paras[1:]
    parts, ref, notes = [], [title], []
    list_at = len(body) // 2
    for i, p in enumerate(body):
        nxt = body[i + 1] if i + 1 < len(body) else None
        if heading(p, nxt):
            parts.append(("h", p))
            ref.append(p)
            continue
        sents = SENT.split(p)
        if i >= list_at and len(sents) >= 3 and list_at >= 0:
            parts.append(("list", sents))
            ref += sents
            list_at = -1
            continue
        if i % 4 == 2 and len(sents) >= 2 and re.search(r"\w{3}\.$", sents[0]):
            notes.append(NOTE[lang].format(k=len(notes) + 1, p=10 + 7 * i))
            parts.append(("p", sents[0], notes[-1], " ".join(sents[1:])))
        else:
            parts.append(("p", p, "", ""))
        ref.append(p)
    return title, parts, ref, notes
