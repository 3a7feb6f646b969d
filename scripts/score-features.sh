#!/usr/bin/env bash
# The evidence behind every row's score on the shared gold sets (ntrex-ruen hard and sent,
# textberg-dev, and the partial shapes that scripts/shapes.py builds from ntrex-ruen/hard),
# one CSV per set in OUT: what scripts/fit-scores.py fits the score's weights on.
# usage: score-features.sh EVAL_DIR OUT_DIR
set -euo pipefail
EVAL=$(cd "$1" && pwd)
OUT=$2
mkdir -p "$OUT"
cargo build --release --quiet --example score_features
X=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')/release/examples/score_features
BITEXT=${BITEXT:-target/release/bitext}
"$X" "$EVAL/align/ntrex-ruen/hard" ru en hard > "$OUT/hard.csv"
"$X" "$EVAL/align/ntrex-ruen/sent" ru en sent > "$OUT/sent.csv"
"$X" "$EVAL/align/textberg-dev" de fr textberg > "$OUT/textberg.csv"
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
python3 "$(dirname "$0")/shapes.py" "$EVAL/align/ntrex-ruen/hard" "$BITEXT" --keep "$W" > /dev/null
for d in "$W"/*/; do
  s=$(basename "$d")
  [ "$s" = whole ] && continue
  "$X" "$d" ru en "$s" > "$OUT/$s.csv"
done
