#!/usr/bin/env bash
# Splits the plain UTF-8 documents of corpora/pairs with OmegaT itself (omegat-split, its
# default rules) and with `bitext split --srx` on the same rules exported as SRX 2.0, and
# fails on any segment that differs (white space aside).
set -euo pipefail
SHARED=${1:-../shared}
source "$(dirname "$0")/common.sh"
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
"$SHARED/tools/omegat-split" --default-srx "$W/omegat.srx"
squash() { python3 -c 'import sys; [print("".join(l.split())) for l in sys.stdin if l.strip()]'; }
checked=0; failed=0
for f in corpora/pairs/*.txt; do
  # omegat-split reads plain UTF-8 only (no BOM, no legacy code page).
  python3 -c 'import sys; b=open(sys.argv[1],"rb").read(); b.decode("utf-8"); assert not b.startswith(b"\xef\xbb\xbf")' "$f" 2>/dev/null || continue
  lang=$(basename "$f" .txt); lang=${lang##*.}
  "$BITEXT" split --lang "$lang" --srx "$W/omegat.srx" "$f" | squash > "$W/bitext"
  "$SHARED/tools/omegat-split" "$f" --lang "$lang" | squash > "$W/omegat"
  checked=$((checked + 1))
  if ! diff -q "$W/bitext" "$W/omegat" >/dev/null; then
    failed=$((failed + 1)); echo "srx-check: $f splits differently from OmegaT:"; diff "$W/bitext" "$W/omegat" | head -10
  fi
done
echo "srx-check: $checked documents, $((checked - failed)) split exactly as OmegaT does"
[ "$failed" -eq 0 ] && [ "$checked" -gt 0 ]
