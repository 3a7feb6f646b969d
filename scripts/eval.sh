#!/usr/bin/env bash
# Quality figures on the external evaluation material (../shared/eval): segmentation golden
# rules, sentence alignment strict/lax F1, and the end-to-end translation-memory score.
set -euo pipefail
EVAL=${1:-../shared/eval}
source "$(dirname "$0")/common.sh"
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
echo "== sentence segmentation (exact-match accuracy)"
for set in golden_en:en golden_ru:ru razdel_unit:ru; do
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
echo "== end to end: raw documents to TMX (score_tm.py)"
mkdir -p "$W/e2e"
for g in "$EVAL/align/ntrex-ruen/e2e"/*.gold.json; do
  n=$(basename "$g" .gold.json)
  "$BITEXT" align "$EVAL/align/ntrex-ruen/e2e/$n.ru.txt" "$EVAL/align/ntrex-ruen/e2e/$n.en.txt" -o "$W/e2e/$n.tmx" 2>/dev/null
done
python3 "$EVAL/score_tm.py" --gold-dir "$EVAL/align/ntrex-ruen/e2e" --tmx-dir "$W/e2e" 2>&1 >/dev/null | tail -1
echo "== bundled corpus (corpora/gold)"
mkdir -p "$W/corpus"
for g in corpora/gold/*.gold; do
  n=$(basename "$g" .gold)
  "$BITEXT" align "corpora/pairs/$n.ru.txt" "corpora/pairs/$n.en.txt" -o "$W/corpus/$n.align" 2>/dev/null
done
"$BITEXT" eval --gold corpora/gold --test "$W/corpus" | tail -3
