#!/usr/bin/env python3
"""Writes corpora/html/NAME.{ru,en}.html: the clean pairs of corpora/pairs dressed as the
institute site's CMS pages (skip links, breadcrumbs with arrow images, a heading with print
and e-mail buttons, the CMS date line, a side menu, previous/next links, a footer in the
other language). amur-border-trade is written in windows-1251 and says so in a meta tag.

  scripts/html-pages.py            # rewrite the pages from corpora/pairs
"""
import html
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "corpora" / "pairs"
OUT = ROOT / "corpora" / "html"
NAMES = {
    "abe-visit-2013": ("utf-8", "Economy", "Экономика", "Streltsov Dmitry", "Стрельцов Д. В."),
    "amur-border-trade": ("windows-1251", "Economy", "Экономика", "Vedeneev Andrei", "Веденеев А. И."),
    "joint-sea-2013": ("utf-8", "Security", "Безопасность", "Tarasov Konstantin", "Тарасов К. С."),
    "korea-six-party-talks": ("utf-8", "Security", "Безопасность", "Kornilov Igor", "Корнилов И. Н."),
    "northern-sea-route": ("utf-8", "Economy", "Экономика", "Matveev Vladimir", "Матвеев В. А."),
}
SOURCE_ENCODING = {"amur-border-trade": "cp1251", "mongolia-between": "koi8-r"}

EN = {
    "lang": "en", "home": "Главная", "pubs": "Publications", "print": "Печать", "mail": "E-mail",
    "prev": "« Пред.", "next": "След. »", "site": "Institute of Far Eastern Studies",
    "menu": ["About the Institute", "Research Centres", "Publications", "Journal", "Conferences", "Contacts"],
    "footer": ["Институт Дальнего Востока РАН", "117997, Москва, Нахимовский проспект, 32",
               "© 2008–2014 ИДВ РАН. Все права защищены."],
    "search": "search...",
}
RU = {
    "lang": "ru", "home": "Главная", "pubs": "Публикации", "print": "Печать", "mail": "E-mail",
    "prev": "« Пред.", "next": "След. »", "site": "Институт Дальнего Востока РАН",
    "menu": ["Об институте", "Научные центры", "Публикации", "Журнал", "Конференции", "Контакты"],
    "footer": ["Institute of Far Eastern Studies, Russian Academy of Sciences",
               "32 Nakhimovsky Prospekt, Moscow 117997, Russia",
               "© 2008–2014 IFES RAS. All rights reserved."],
    "search": "поиск...",
}


def paragraphs(text):
    return [p.strip("\n").split("\n") for p in re.split(r"\n\s*\n", text.strip("\ufeff").strip()) if p.strip()]


def inline(line):
    """Escapes a line and dresses it as a CMS editor would: entities for typographic marks,
    no-break spaces after initials and before units, a long line wrapped in the source."""
    s = html.escape(line, quote=False)
    for ch, ent in (("«", "&laquo;"), ("»", "&raquo;"), ("—", "&mdash;"), ("–", "&ndash;"), ("’", "&rsquo;")):
        s = s.replace(ch, ent)
    s = re.sub(r"\b([A-ZА-Я]\.) ", r"\1&nbsp;", s)
    words, out, width = s.split(" "), [], 0
    for w in words:
        if width > 90:
            out.append("\n      ")
            width = 0
        elif out:
            out.append(" ")
        out.append(w)
        width += len(w) + 1
    return "".join(out)


def article(paras):
    out = []
    for k, lines in enumerate(paras):
        body = "<br />\n      ".join(inline(l) for l in lines)
        text = " ".join(lines)
        if k == 0:
            out.append(f'<h2 class="article-title">{body}</h2>')
        elif k <= 3 and len(text) < 200 and not text.endswith("."):
            out.append(f'<p class="article-info"><em>{body}</em></p>')
        elif len(text) < 80 and not re.search(r"[.!?:;]$", text):
            out.append(f"<h3>{body}</h3>")
        else:
            out.append(f"<p>{body}</p>")
    return "\n    ".join(out)


def page(name, lang, paras, cms_date):
    enc, section_en, section_ru, author_en, author_ru = NAMES[name]
    t = EN if lang == "en" else RU
    section = section_en if lang == "en" else section_ru
    author = author_en if lang == "en" else author_ru
    title = " ".join(paras[0])
    heading = html.escape(f"{author.rstrip('.')}. {title}", quote=False)
    menu = "\n".join(f'        <li><a href="/index.php?option=com_content&amp;id={i}">{html.escape(m)}</a></li>'
                     for i, m in enumerate(t["menu"], 1))
    charset = (f'<meta http-equiv="Content-Type" content="text/html; charset={enc}" />'
               if enc != "utf-8" else '<meta charset="utf-8" />')
    footer = "<br />\n      ".join(html.escape(l, quote=False) for l in t["footer"])
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="{lang}" lang="{lang}">
<head>
  {charset}
  <title>{heading} - {html.escape(t["site"])}</title>
  <meta name="generator" content="Joomla! 1.5 - Open Source Content Management" />
  <link rel="stylesheet" href="/templates/ifes/css/template.css" type="text/css" />
  <style type="text/css">.contentheading {{ font-weight: bold; }} #footer {{ font-size: 80%; }}</style>
  <script type="text/javascript" src="/media/system/js/mootools.js"></script>
  <script type="text/javascript">window.addEvent('domready', function() {{ SqueezeBox.initialize({{}}); }});</script>
</head>
<body>
<!-- skip links -->
<div id="accessibility"><a href="#content">Menu</a> <a href="#menu">Content/Inhalt</a></div>
<div id="header">
  <a href="/" id="logo"><img src="/images/logo.png" alt="{html.escape(t["site"])}" /></a>
  <form action="/index.php" method="post" id="search"><input type="text" name="searchword" value="{t["search"]}" /><input type="submit" value="OK" /></form>
</div>
<div id="pathway">
  <span class="breadcrumbs pathway"><a href="/" class="pathway">{t["home"]}</a> <img src="/images/arrow.png" alt="arrow" /> <a href="/publications" class="pathway">{t["pubs"]}</a> <img src="/images/arrow.png" alt="arrow" /> <a href="/publications/{section_en.lower()}" class="pathway">{section}</a> <img src="/images/arrow.png" alt="arrow" /> {heading}</span>
</div>
<div id="main">
  <div id="leftcolumn">
    <div class="moduletable_menu">
      <h3>{"Menu" if lang == "en" else "Меню"}</h3>
      <ul class="menu">
{menu}
      </ul>
    </div>
  </div>
  <div id="content">
  <table class="contentpaneopen">
  <tr>
    <td class="contentheading" width="100%">{heading}</td>
    <td align="right" width="100%" class="buttonheading"><a href="/index.php?view=article&amp;print=1" title="{t["print"]}" rel="nofollow"><img src="/images/M_images/printButton.png" alt="{t["print"]}" /></a></td>
    <td align="right" width="100%" class="buttonheading"><a href="/index.php?option=com_mailto" title="E-mail" rel="nofollow"><img src="/images/M_images/emailButton.png" alt="E-mail" /></a></td>
  </tr>
  </table>
  <table class="contentpaneopen">
  <tr><td valign="top" class="createdate">{cms_date}</td></tr>
  <tr>
  <td valign="top">
    {article(paras)}
  </td>
  </tr>
  </table>
  <table align="center" class="pagenav">
  <tr>
    <th class="pagenav_prev"><a href="/publications/{section_en.lower()}/prev">{html.escape(t["prev"], quote=False)}</a></th>
    <td width="50">&nbsp;</td>
    <th class="pagenav_next"><a href="/publications/{section_en.lower()}/next">{html.escape(t["next"], quote=False)}</a></th>
  </tr>
  </table>
  </div>
</div>
<div id="footer">
  <p>{footer}</p>
</div>
<script type="text/javascript">var _gaq = _gaq || []; _gaq.push(['_trackPageview']);</script>
</body>
</html>
"""


def main():
    OUT.mkdir(exist_ok=True)
    for name, (enc, *_rest) in NAMES.items():
        texts = {}
        for lang in ("ru", "en"):
            raw = (PAIRS / f"{name}.{lang}.txt").read_bytes()
            texts[lang] = raw.decode(SOURCE_ENCODING.get(name, "utf-8-sig")).replace("\r\n", "\n")
        # The CMS date line: the Russian date line of the article, on both pages.
        ru_date = paragraphs(texts["ru"])[1][0]
        for lang in ("ru", "en"):
            doc = page(name, lang, paragraphs(texts[lang]), ru_date)
            (OUT / f"{name}.{lang}.html").write_bytes(doc.encode(enc))
            print(OUT / f"{name}.{lang}.html")


if __name__ == "__main__":
    main()
