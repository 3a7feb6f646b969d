#!/usr/bin/env bash
# Reading a journal PDF: the bundled corpus typeset as one long two-column article (the
# pairs twice over, ../shared/tools/journal-pdfs --concat) and read with `bitext split`;
# the time and peak memory of reading each side (target: under 1 s for 20 pages).
set -euo pipefail
SHARED=$(cd "${1:-../shared}" && pwd)
source "$(dirname "$0")/common.sh"
if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1; then
  echo "pdf reading: skipped (needs LibreOffice and poppler-utils: make office-check installs them)"
  exit 0
fi
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
mkdir -p "$W/in" "$W/tmp"
for f in corpora/pairs/*.txt; do
  n=$(basename "$f")
  cp "$f" "$W/in/a-$n"
  cp "$f" "$W/in/b-$n"
done
TMPDIR="$W/tmp" "$SHARED/tools/journal-pdfs" "$W/in" "$W/out" --concat 100 --seed 1 >/dev/null 2>&1
echo "== reading a journal PDF (two columns, hyphenation, footnotes, running heads)"
for pdf in "$W"/out/*.pdf; do
  lang=$(basename "$pdf" .pdf); lang=${lang##*.}
  pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
  timed "$BITEXT" split --lang "$lang" "$pdf" >/dev/null
  echo "$lang: $pages pages, ${SECS} s, ${MB} MB (exit $RC)"
done
