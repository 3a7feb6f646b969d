#!/usr/bin/env bash
# Speed of the rules `bitext srx` writes, run by `bitext split --srx`: about 100 KB of the
# English and of the Russian documents of corpora/pairs, in KB/s, beside the built-in splitter;
# then 1 MB (the same text ten times), where reading the rules weighs less.
set -euo pipefail
source "$(dirname "$0")/common.sh"
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
"$BITEXT" srx -o "$W/bitext.srx"
for lang in en ru; do
  # The documents in UTF-8 (some are in legacy code pages), repeated up to 100 KB.
  python3 - "$W/$lang.100k.txt" corpora/pairs/*."$lang".txt <<'PY'
import sys
parts = []
for f in sys.argv[2:]:
    try:
        parts.append(open(f, "rb").read().decode("utf-8").lstrip("\ufeff"))
    except UnicodeDecodeError:
        pass
text = "\n".join(parts)
out = ""
while len(out.encode()) < 100_000:
    out += text + "\n"
b = out.encode()[:100_000].decode("utf-8", "ignore")
open(sys.argv[1], "w", encoding="utf-8").write(b)
open(sys.argv[1].replace(".100k.", ".1m."), "w", encoding="utf-8").write((b + "\n") * 10)
PY
  kb=$(( $(stat -c %s "$W/$lang.100k.txt") / 1000 ))
  for how in srx builtin; do
    if [ "$how" = srx ]; then set -- --srx "$W/bitext.srx"; else set --; fi
    start=$(date +%s.%N)
    "$BITEXT" split --lang "$lang" "$@" "$W/$lang.100k.txt" > /dev/null
    end=$(date +%s.%N)
    python3 -c "s=$end-$start; print(f'split --lang $lang ($how): $kb KB in {s:.3f} s, {$kb/max(s,1e-6):,.0f} KB/s')"
  done
  start=$(date +%s.%N)
  "$BITEXT" split --lang "$lang" --srx "$W/bitext.srx" "$W/$lang.1m.txt" > /dev/null
  end=$(date +%s.%N)
  kb=$(( $(stat -c %s "$W/$lang.1m.txt") / 1000 ))
  python3 -c "s=$end-$start; print(f'split --lang $lang (srx): $kb KB in {s:.3f} s, {$kb/max(s,1e-6):,.0f} KB/s')"
done
