#!/usr/bin/env bash
# Coverage-guided fuzzing of the text, HTML and DOCX/ODT readers, splitter, aligner, TMX reader and
# table readers
# (cargo fuzz / libFuzzer on the stable toolchain through RUSTC_BOOTSTRAP=1).
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
# Seeds come from corpora/ and tests/data; crashes land in fuzz/artifacts/TARGET/. A crash,
# once fixed, becomes an ordinary test of the behaviour it broke (see tests/test_props.rs).
set -euo pipefail
source "$(dirname "$0")/common.sh"
SECS=${1:-300}; shift || true
TARGETS=${*:-read split align tmx table html office}
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
    html) cp corpora/html/*.html "$seeds"/
          # Deep nesting, closed and unclosed (reading must stay linear in the page).
          python3 -c 'import sys; n=6000; open(sys.argv[1], "w").write("<div>"*n + "<p>Text.</p>" + "</div>"*n)' "$seeds/deep.html"
          python3 -c 'import sys; open(sys.argv[1], "w").write("<div><font><b>"*4000 + "<table><tr><td>"*400 + "Text.")' "$seeds/unclosed.html" ;;
    office) W=$(mktemp -d); cp corpora/pairs/abe-visit-2013.*.txt "$W"/
            for f in docx odt; do soffice --headless --convert-to "$f" --outdir "$seeds" "$W"/*.txt >/dev/null 2>&1 || true; done
            rm -rf "$W"
            # Zip bombs: a document.xml and a content.xml that inflate a thousand times.
            python3 - "$seeds" <<'PY'
import sys, zipfile
for name, part in (("bomb.docx", "word/document.xml"), ("bomb.odt", "content.xml")):
    with zipfile.ZipFile(f"{sys.argv[1]}/{name}", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr(part, "<w:p/>" * 7_000_000)
PY
            ;;
  esac
  log=$(mktemp)
  cargo fuzz run -O "$t" "$seeds" -- -max_total_time="$SECS" -rss_limit_mb=4096 -max_len=65536 -timeout=20 -print_final_stats=1 >"$log" 2>&1 || {
    tail -40 "$log"; echo "fuzz: $t FAILED (see fuzz/artifacts/$t/)"; exit 1; }
  execs=$(grep -m1 'stat::number_of_executed_units' "$log" | awk '{print $2}')
  cov=$(grep -m1 'cov:' "$log" >/dev/null && grep 'cov:' "$log" | tail -1 | sed 's/.*cov: \([0-9]*\).*/\1/')
  echo "fuzz: $t: ${execs:-?} executions in ${SECS}s, coverage ${cov:-?} edges, no crash"
  rm -f "$log"
done
