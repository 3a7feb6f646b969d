#!/usr/bin/env bash
# Quality figures on the external evaluation material (../shared/eval): segmentation golden
# rules and UD dev sets, sentence alignment strict/lax F1, the end-to-end translation-memory
# score, and article extraction from HTML pages (F1, precision, recall, pages/s).
set -euo pipefail
# Absolute, since the batch manifest below names files relative to its own folder.
EVAL=$(cd "${1:-../shared/eval}" && pwd)
source "$(dirname "$0")/common.sh"
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
echo "== sentence segmentation (exact-match accuracy, boundary F1)"
for set in golden_en:en golden_ru:ru razdel_unit:ru ud_gum_en:en ud_gsd_ru:ru ud_taiga_ru:ru; do
  f=${set%%:*}; l=${set##*:}
  python3 "$EVAL/segment/run_seg.py" --gold "$EVAL/segment/$f.jsonl" --cmd "$BITEXT split --lang $l" \
    --out "$W/$f.jsonl" --score --jobs 2 2>/dev/null | tail -1 | sed "s/^/$f: /"
done
echo "== sentence alignment (presegmented, score_align.py)"
for set in textberg-dev:de:fr ntrex-ruen/sent:ru:en ntrex-ruen/hard:ru:en; do
  IFS=: read -r d s t <<<"$set"
  mkdir -p "$W/$d"
  for g in "$EVAL/align/$d"/*.gold; do
    n=$(basename "$g" .gold)
    "$BITEXT" align --presegmented --src-lang "$s" --tgt-lang "$t" "$EVAL/align/$d/$n.$s" "$EVAL/align/$d/$n.$t" -o "$W/$d/$n.align" 2>/dev/null
  done
  python3 "$EVAL/score_align.py" --gold-dir "$EVAL/align/$d" --test-dir "$W/$d" 2>/dev/null |
    python3 -c "import json,sys; r=json.load(sys.stdin); print(f'$d: strict F1 {r[\"f1_strict\"]:.3f}, lax F1 {r[\"f1_lax\"]:.3f}')"
done
echo "== batch over ntrex-ruen/hard (a manifest), scored from its review table"
D="$EVAL/align/ntrex-ruen/hard"
{ printf 'src_path\ttgt_path\tname\n'; for g in "$D"/*.gold; do n=$(basename "$g" .gold); printf '%s\t%s\t%s\n' "$D/$n.ru" "$D/$n.en" "$n"; done; } > "$W/hard.tsv"
for flags in "" "--learn-lexicon"; do
  "$BITEXT" batch "$W/hard.tsv" -o "$W/hard-batch" --presegmented --quiet $flags 2>/dev/null
  python3 scripts/review-links.py "$W/hard-batch/review.csv" "$W/hard-links"
  python3 "$EVAL/score_align.py" --gold-dir "$D" --test-dir "$W/hard-links" 2>/dev/null |
    python3 -c "import json,sys; r=json.load(sys.stdin); print(f'batch ${flags:-(document by document)}: strict F1 {r[\"f1_strict\"]:.3f}, lax F1 {r[\"f1_lax\"]:.3f}')"
  rm -rf "$W/hard-batch" "$W/hard-links"
done
echo "== other shapes of documents from ntrex-ruen/hard (scripts/shapes.py): parts, an extra section, a moved block"
python3 scripts/shapes.py "$EVAL/align/ntrex-ruen/hard" "$BITEXT"
echo "== do the scores find the wrong rows? (scripts/score-eval.sh; diagram in docs/reliability.svg)"
"$(dirname "$0")/score-eval.sh" "$EVAL" docs/reliability.svg
echo "== what each kind of evidence brings, strict / lax F1 (examples/ablation.rs)"
cargo run --release --quiet --example ablation -- "$EVAL"
echo "== end to end: raw documents to TMX (score_tm.py)"
mkdir -p "$W/e2e"
for g in "$EVAL/align/ntrex-ruen/e2e"/*.gold.json; do
  n=$(basename "$g" .gold.json)
  "$BITEXT" align "$EVAL/align/ntrex-ruen/e2e/$n.ru.txt" "$EVAL/align/ntrex-ruen/e2e/$n.en.txt" -o "$W/e2e/$n.tmx" 2>/dev/null
done
python3 "$EVAL/score_tm.py" --gold-dir "$EVAL/align/ntrex-ruen/e2e" --tmx-dir "$W/e2e" 2>&1 >/dev/null | tail -1
echo "== article text from HTML pages (score_html.py; extractors compared in docs/figures.md)"
python3 "$EVAL/html/score_html.py" --cmd "$BITEXT split --lang en --drop-foreign {file}" 2>/dev/null | head -1 | sed 's/^command /bitext  /'
echo "   reference (same scorer, 121 pages):  rs-trafilatura 0.2.2 F1 0.964 (8.9 MB/s) | trafilatura-rs 0.6 F1 0.959 (11 MB/s)"
echo "   dom_smoothie 0.19 F1 0.954 raw / 0.960 formatted (56 MB/s) | published: rs_trafilatura 0.970, trafilatura 0.957, Readability.js 0.954"
echo "== bundled corpus (corpora/gold)"
mkdir -p "$W/corpus"
for g in corpora/gold/*.gold; do
  n=$(basename "$g" .gold)
  "$BITEXT" align "corpora/pairs/$n.ru.txt" "corpora/pairs/$n.en.txt" -o "$W/corpus/$n.align" 2>/dev/null
done
"$BITEXT" eval --gold corpora/gold --test "$W/corpus" | tail -3
echo "== journal PDFs (../shared/tools/journal-pdfs: two columns, hyphenation, footnotes, running heads) against their plain text"
python3 scripts/journal-pdf-eval.py --bitext "$BITEXT" --shared "$EVAL/.." --seeds 1 2 3 2>/dev/null | grep 'seed'
if command -v pdflatex >/dev/null 2>&1; then
  echo "== journal PDFs set by pdfLaTeX (scripts/latex-journal.py; Debian's texlive-latex-recommended, texlive-lang-cyrillic, cm-super)"
  python3 scripts/journal-pdf-eval.py --bitext "$BITEXT" --shared "$EVAL/.." --producer latex --seeds 1 2>/dev/null | grep 'seed'
fi
if command -v chromium >/dev/null 2>&1; then
  echo "== journal PDFs printed by headless Chromium (scripts/chrome-journal.py: CSS columns, no hyphenation, its own running head and foot, endnotes)"
  python3 scripts/journal-pdf-eval.py --bitext "$BITEXT" --shared "$EVAL/.." --producer chrome --seeds 1 2>/dev/null | grep 'seed'
  echo "   in other house styles: a 0.35 cm gutter, paragraphs apart by space, letters spaced 0.06 em, ragged right:"
  for v in narrow parskip tracked ragged; do
    python3 scripts/journal-pdf-eval.py --bitext "$BITEXT" --shared "$EVAL/.." --producer chrome-$v --seeds 1 2>/dev/null | grep 'seed'
  done
fi
if command -v gs >/dev/null 2>&1; then
  echo "== journal PDFs written again by Ghostscript's pdfwrite (as printing to PDF does: fonts re-embedded, text runs regrouped)"
  python3 scripts/journal-pdf-eval.py --bitext "$BITEXT" --shared "$EVAL/.." --producer ghostscript --seeds 1 2>/dev/null | grep 'seed'
fi
