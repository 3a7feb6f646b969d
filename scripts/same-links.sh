#!/usr/bin/env bash
# Compares the links two bitext binaries find on every shared set, shape and the bundled
# corpus: prints the documents whose links differ and exits non-zero when any do.
# usage: same-links.sh OLD_BITEXT NEW_BITEXT [EVAL_DIR]
set -uo pipefail
OLD=$1; NEW=$2; EVAL=$(cd "${3:-../shared/eval}" && pwd)
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
python3 "$(dirname "$0")/shapes.py" "$EVAL/align/ntrex-ruen/hard" "$NEW" --keep "$W/shapes" > /dev/null
differ=0; docs=0
compare() { # name src tgt [flags...]
  local name=$1 s=$2 t=$3; shift 3
  "$OLD" align "$s" "$t" --format links -o "$W/old" "$@" 2>/dev/null
  "$NEW" align "$s" "$t" --format links -o "$W/new" "$@" 2>/dev/null
  docs=$((docs + 1))
  cmp -s "$W/old" "$W/new" || { echo "links differ: $name"; differ=$((differ + 1)); }
}
for d in "$EVAL/align/ntrex-ruen/sent" "$EVAL/align/ntrex-ruen/hard" "$W"/shapes/*; do
  for g in "$d"/*.gold; do n=$(basename "$g" .gold); compare "$d/$n" "$d/$n.ru" "$d/$n.en" --presegmented; done
done
compare textberg-dev "$EVAL/align/textberg-dev/dev.de" "$EVAL/align/textberg-dev/dev.fr" --presegmented --src-lang de --tgt-lang fr
for f in "$EVAL/align/ntrex-ruen/e2e"/*.ru.txt; do compare "$f" "$f" "${f%.ru.txt}.en.txt"; done
for f in corpora/pairs/*.ru.txt; do compare "$f" "$f" "${f%.ru.txt}.en.txt"; done
echo "$docs documents, $differ with other links"
[ "$differ" = 0 ]
