#!/usr/bin/env bash
# Do the scores find the wrong rows? For every shared gold set and the partial shapes built
# from ntrex-ruen/hard: AUROC, the share of wrong rows among the lowest-scored 10% and 20%,
# wrong rows scored >= 0.9 (links only, by the shared score_detect.py), then the same with
# unaligned rows and the calibration error and bands (bitext eval); `--min-score 0.5` on the
# end-to-end set; and the reliability diagram of all sets together, written to DIAGRAM.
# usage: score-eval.sh EVAL_DIR [DIAGRAM.svg]
set -euo pipefail
EVAL=$(cd "${1:-../shared/eval}" && pwd)
DIAGRAM=${2:-}
source "$(dirname "$0")/common.sh"
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
python3 "$(dirname "$0")/shapes.py" "$EVAL/align/ntrex-ruen/hard" "$BITEXT" --keep "$W/shapes" > /dev/null
mkdir -p "$W/all" "$W/shared-gold-sets"
printf '%-18s %-10s %6s %6s %8s %8s %10s %6s\n' set rows AUROC wrong "catch10" "catch20" "wrong>=0.9" ECE
for set in ntrex-ruen/hard:ru:en ntrex-ruen/sent:ru:en textberg-dev:de:fr \
           shapes/ru-first-40:ru:en shapes/en-first-40:ru:en shapes/ru-middle-half:ru:en \
           shapes/en-extra-section:ru:en shapes/ru-moved-block:ru:en; do
  IFS=: read -r d s t <<<"$set"
  case $d in shapes/*) dir=$W/$d ;; *) dir=$EVAL/align/$d ;; esac
  tag=$(basename "$d")
  python3 "$EVAL/score_detect.py" "$BITEXT" "$dir" "$s" "$t" --src-lang "$s" --tgt-lang "$t" --links-only |
    python3 -c "import json,sys; r=json.load(sys.stdin); print(f'{\"$tag\":18} {\"links\":10} {r[\"auroc\"]:6.3f} {r[\"wrong\"]:6} {r[\"catch_10\"]:8.2f} {r[\"catch_20\"]:8.2f} {r[\"wrong_at_0.9\"]:10.2f}')"
  mkdir -p "$W/csv/$tag"
  for g in "$dir"/*.gold; do
    n=$(basename "$g" .gold)
    "$BITEXT" align --presegmented --src-lang "$s" --tgt-lang "$t" "$dir/$n.$s" "$dir/$n.$t" --format csv -o "$W/csv/$tag/$n.csv" 2>/dev/null
    cp "$g" "$W/all/$tag-$n.gold"; cp "$W/csv/$tag/$n.csv" "$W/shared-gold-sets/$tag-$n.csv"
  done
  "$BITEXT" eval --json --gold "$dir" --test "$W/csv/$tag" | tail -1 |
    python3 -c "import json,sys; r=json.load(sys.stdin)['scores']; print(f'{\"\":18} {\"all rows\":10} {r[\"auroc\"]:6.3f} {r[\"wrong\"]:6} {r[\"catch_10\"]:8.2f} {r[\"catch_20\"]:8.2f} {r[\"wrong_at_90\"]:10.2f} {r[\"ece\"]:6.3f}')"
done
echo "every set together (rows judged against their gold):"
args=()
[ -n "$DIAGRAM" ] && args=(--diagram "$DIAGRAM")
"$BITEXT" eval --gold "$W/all" --test "$W/shared-gold-sets" "${args[@]}" 2>/dev/null | sed -n '/^scores/,$p'
D="$EVAL/align/ntrex-ruen/e2e"
mkdir -p "$W/e2e" "$W/e2e-min"
for f in "$D"/*.ru.txt; do
  n=$(basename "$f" .ru.txt)
  "$BITEXT" align "$f" "$D/$n.en.txt" -o "$W/e2e/$n.tmx" 2>/dev/null
  "$BITEXT" align "$f" "$D/$n.en.txt" -o "$W/e2e-min/$n.tmx" --min-score 0.5 2>/dev/null
done
all=$(python3 "$EVAL/score_tm.py" --gold-dir "$D" --tmx-dir "$W/e2e" 2>/dev/null)
min=$(python3 "$EVAL/score_tm.py" --gold-dir "$D" --tmx-dir "$W/e2e-min" 2>/dev/null)
python3 - "$all" "$min" <<'PY'
import json, sys
a, m = json.loads(sys.argv[1]), json.loads(sys.argv[2])
right = lambda r: r["unit_precision"] * r["units"]
print(f"--min-score 0.5 on ntrex-ruen/e2e: unit precision {a['unit_precision']:.3f} -> {m['unit_precision']:.3f}, "
      f"{m['units']} of {a['units']} units kept, {right(m) / right(a):.1%} of the right ones")
PY
