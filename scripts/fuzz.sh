#!/usr/bin/env bash
# Coverage-guided fuzzing of the reader, splitter, aligner, TMX reader and table readers
# (cargo fuzz / libFuzzer on the stable toolchain through RUSTC_BOOTSTRAP=1).
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
# Seeds come from corpora/ and tests/data; crashes land in fuzz/artifacts/TARGET/. A crash,
# once fixed, becomes an ordinary test of the behaviour it broke (see tests/test_props.rs).
set -euo pipefail
source "$(dirname "$0")/common.sh"
SECS=${1:-300}; shift || true
TARGETS=${*:-read split align tmx table}
export RUSTC_BOOTSTRAP=1
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked
for t in $TARGETS; do
  seeds=fuzz/corpus/$t; mkdir -p "$seeds"
  case $t in
    read|split) cp corpora/pairs/*.txt corpora/raw/*.txt "$seeds"/ ;;
    align) for f in corpora/gold/*.ru.sents; do b=${f%.ru.sents}; { head -40 "$f"; printf '\001'; head -40 "$b.en.sents"; } > "$seeds/$(basename "$b")"; done ;;
    tmx) cp tests/data/*.tmx "$seeds"/ 2>/dev/null || true
         "$BITEXT" convert tests/data/hostile.csv -o "$seeds/hostile.tmx" 2>/dev/null || true ;;
    table) cp tests/data/*.csv "$seeds"/ ;;
  esac
  log=$(mktemp)
  cargo fuzz run -O "$t" "$seeds" -- -max_total_time="$SECS" -rss_limit_mb=4096 -max_len=65536 -timeout=20 -print_final_stats=1 >"$log" 2>&1 || {
    tail -40 "$log"; echo "fuzz: $t FAILED (see fuzz/artifacts/$t/)"; exit 1; }
  execs=$(grep -m1 'stat::number_of_executed_units' "$log" | awk '{print $2}')
  cov=$(grep -m1 'cov:' "$log" >/dev/null && grep 'cov:' "$log" | tail -1 | sed 's/.*cov: \([0-9]*\).*/\1/')
  echo "fuzz: $t: ${execs:-?} executions in ${SECS}s, coverage ${cov:-?} edges, no crash"
  rm -f "$log"
done
