#!/usr/bin/env bash
# Translation-memory I/O figures: write 100,000 and 1,000,000 units to TMX (from JSON Lines)
# and read them back (TMX to JSON Lines), printing time and peak memory. Both paths stream:
# with --keep-duplicates peak memory stays flat as the count grows tenfold; removing
# duplicates adds a fingerprint table of about 26 bytes per unit.
set -euo pipefail
source "$(dirname "$0")/common.sh"
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
for n in 100000 1000000; do
  python3 - "$n" "$W/units.jsonl" <<'PY'
import json, sys
n, out = int(sys.argv[1]), sys.argv[2]
with open(out, "w", encoding="utf-8") as f:
    for k in range(n):
        f.write(json.dumps({"document": f"doc{k // 40}", "link": "1-1", "score": 0.9,
            "ru": f"Предложение номер {k} о визите премьер-министра Абэ в Москву & «газ».",
            "en": f"Sentence number {k} about Prime Minister Abe's visit to Moscow & “gas”."},
            ensure_ascii=False) + "\n")
PY
  timed "$BITEXT" convert "$W/units.jsonl" -o "$W/m.tmx" 2>/dev/null
  mb=$(( $(stat -c %s "$W/m.tmx") / 1000000 ))
  python3 -c "print(f'write {$n:>9,} units to TMX ({$mb} MB): {$SECS:.2f} s, {$n/max($SECS,1e-3):,.0f} units/s, peak {$MB} MB')"
  timed "$BITEXT" convert "$W/m.tmx" -o "$W/back.jsonl" 2>/dev/null
  python3 -c "print(f'read  {$n:>9,} units from TMX: {$SECS:.2f} s, {$n/max($SECS,1e-3):,.0f} units/s, peak {$MB} MB')"
  [ "$(wc -l < "$W/back.jsonl")" -eq "$n" ] || { echo "tm-bench: read back $(wc -l < "$W/back.jsonl") of $n units"; exit 1; }
  timed "$BITEXT" convert "$W/units.jsonl" -o "$W/m.tmx" --keep-duplicates 2>/dev/null
  python3 -c "print(f'write {$n:>9,} units to TMX, --keep-duplicates: {$SECS:.2f} s, peak {$MB} MB')"
done
