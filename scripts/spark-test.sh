#!/usr/bin/env bash
# The Spark example (examples/spark/align_corpus.py) under spark-submit --master local[2]:
#   1. corpora/pairs, given as a file:// URI (read with sc.binaryFiles): the merged memory
#      holds exactly the units `bitext batch` writes, and the JSON Lines parts hold, in order,
#      the links of its review table (duplicates included);
#   2. 1,200 pairs (the corpus 100 times), given as a path (listed by the driver, read by the
#      tasks): the same check, and pairs/second against `bitext batch --jobs 2`;
#   3. a manifest with a binary file and an empty file among good pairs, as a path and as a
#      URI: two error records are counted and listed, the job completes, the good pairs are
#      aligned as `bitext batch` aligns them.
# PySpark 4 is installed in a virtual environment (SPARK_VENV, default
# ~/.cache/bitext-spark/venv), reused when present. Run from the repository root.
set -euo pipefail
cd "$(dirname "$0")/.."
source "$(dirname "$0")/common.sh"
VENV=${SPARK_VENV:-$HOME/.cache/bitext-spark/venv}
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
started=$SECONDS

# Spark 4 runs on Java 17 or 21.
if [ -z "${JAVA_HOME:-}" ]; then
  for j in /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64; do
    if [ -x "$j/bin/java" ]; then export JAVA_HOME=$j; break; fi
  done
fi
if [ -z "${JAVA_HOME:-}" ] && ! command -v java >/dev/null; then
  apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi
if ! "$VENV/bin/python" -c 'import pyspark' 2>/dev/null; then
  echo "spark-test: installing PySpark 4 into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check 'pyspark>=4,<5'
fi
export PYSPARK_PYTHON="$VENV/bin/python" SPARK_LOCAL_IP=127.0.0.1
echo "spark-test: PySpark $("$VENV/bin/python" -c 'import pyspark; print(pyspark.__version__)'), $("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -1)"

passed=0; failed=0
pass() { passed=$((passed + 1)); echo "spark-test: ok: $*"; }
fail() { failed=$((failed + 1)); echo "spark-test: FAILED: $*"; }
now() { date +%s.%N; }
batch() { "$BITEXT" batch "$@" --quiet 2>"$W/batch.err" || { cat "$W/batch.err"; return 1; }; }

# submit INPUT OUTDIR: runs the job, keeps its log, prints its summary lines and wall time.
submit() {
  local t0; t0=$(now)
  if ! "$VENV/bin/spark-submit" --master 'local[2]' --conf spark.ui.enabled=false \
      --files "$BITEXT" examples/spark/align_corpus.py "$1" --output "$2" >"$2.log" 2>&1; then
    tail -30 "$2.log"; return 1
  fi
  grep -E '^(align_corpus|bitext):' "$2.log" | sed 's/^/  /'
  python3 -c "print(round($(now) - $t0, 2))" >"$2.wall"
}

# same_units A.tmx B.tmx: the (document, source, target) lists after a stable sort by document.
same_units() {
  python3 - "$1" "$2" <<'PY'
import sys
import xml.etree.ElementTree as ET
LANG = "{http://www.w3.org/XML/1998/namespace}lang"
def units(path):
    out = []
    for tu in ET.parse(path).getroot().iter("tu"):
        doc = next(p.text for p in tu.findall("prop") if p.get("type") == "x-document")
        seg = {t.get(LANG): t.findtext("seg") for t in tu.findall("tuv")}
        out.append((doc, seg["ru"], seg["en"]))
    return sorted(out, key=lambda u: u[0])  # stable: keeps each document's order
spark, batch = units(sys.argv[1]), units(sys.argv[2])
for k, (s, b) in enumerate(zip(spark, batch)):
    if s != b:
        sys.exit(f"unit {k} differs:\n  spark: {s}\n  batch: {b}")
if len(spark) != len(batch) or not spark:
    sys.exit(f"{len(spark)} units from Spark, {len(batch)} from bitext batch")
print(len(spark))
PY
}

# same_links UNITS_DIR REVIEW.csv: every unit of the JSON Lines parts, in file order (before
# the merge drops duplicates), against the links of bitext batch's review table, in its order.
same_links() {
  python3 - "$1" "$2" <<'PY'
import csv, glob, json, sys
spark = [(u["document"], u["ru"], u["en"]) for part in sorted(glob.glob(f"{sys.argv[1]}/part-*.jsonl"))
         for u in map(json.loads, open(part, encoding="utf-8"))]
batch = [(r["document"], r["ru"], r["en"])
         for r in csv.DictReader(open(sys.argv[2], encoding="utf-8-sig")) if r["ru"] and r["en"]]
for k, (s, b) in enumerate(zip(spark, batch)):
    if s != b:
        sys.exit(f"link {k} differs:\n  spark: {s}\n  batch: {b}")
if len(spark) != len(batch):
    sys.exit(f"{len(spark)} units from Spark, {len(batch)} links in bitext batch's review table")
print(len(spark))
PY
}

# 1. The bundled corpus.
echo "spark-test: file://$PWD/corpora/pairs"
batch corpora/pairs -o "$W/batch1" --jobs 2
if submit "file://$PWD/corpora/pairs" "$W/spark1" \
    && n=$(same_units "$W/spark1/memory.tmx" "$W/batch1/memory.tmx") \
    && m=$(same_links "$W/spark1/units" "$W/batch1/review.csv"); then
  pass "corpora/pairs: memory.tmx has the $n units of bitext batch's; the $m units before it, in order"
else
  fail "corpora/pairs: the Spark memory differs from bitext batch's"
fi

# 2. 1,200 pairs: same units, and throughput.
mkdir "$W/big"
python3 - "$W/big" <<'PY'
import os, shutil, sys
names = sorted(f[:-7] for f in os.listdir("corpora/pairs") if f.endswith(".ru.txt"))
for k in range(100):
    for n in names:
        for lang in ("ru", "en"):
            shutil.copyfile(f"corpora/pairs/{n}.{lang}.txt", f"{sys.argv[1]}/{n}-{k}.{lang}.txt")
PY
pairs=$(ls "$W/big" | grep -c '\.ru\.txt$')
echo "spark-test: $pairs pairs"
t0=$(now)
batch "$W/big" -o "$W/batch2" --jobs 2
batch_secs=$(python3 -c "print(round($(now) - $t0, 2))")
if submit "$W/big" "$W/spark2" \
    && n=$(same_units "$W/spark2/memory.tmx" "$W/batch2/memory.tmx") \
    && m=$(same_links "$W/spark2/units" "$W/batch2/review.csv"); then
  pass "$pairs pairs: memory.tmx has the $n units of bitext batch's; the $m units before it, in order"
  python3 - "$W/spark2/summary.json" "$(cat "$W/spark2.wall")" "$batch_secs" "$pairs" <<'PY'
import json, sys
s, wall, batch, pairs = json.load(open(sys.argv[1])), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
job, merge = s["job_seconds"], s["merge_seconds"]
print(f"spark-test: figure: {pairs} pairs, Spark local[2], {s['partitions']} partitions: "
      f"job {job:.1f} s = {pairs / job:.0f} pairs/s (read, decode, align, sort, write JSON Lines; "
      f"JVM start-up excluded), merge into TMX {merge:.1f} s; "
      f"whole spark-submit {wall:.1f} s = {pairs / wall:.0f} pairs/s")
print(f"spark-test: figure: {pairs} pairs, bitext batch --jobs 2: {batch:.1f} s = {pairs / batch:.0f} pairs/s")
PY
else
  fail "$pairs pairs: the Spark memory differs from bitext batch's"
fi

# 3. A broken pair and an empty one among good pairs, through a manifest.
mkdir -p "$W/bad/docs"
for n in yamal-lng amur-border-trade; do cp corpora/pairs/$n.*.txt "$W/bad/docs/"; done
cp "$BITEXT" "$W/bad/docs/broken.ru.txt"; cp corpora/pairs/yamal-lng.en.txt "$W/bad/docs/broken.en.txt"
: >"$W/bad/docs/empty.ru.txt"; cp corpora/pairs/yamal-lng.en.txt "$W/bad/docs/empty.en.txt"
for n in yamal-lng amur-border-trade broken empty; do
  printf 'docs/%s.ru.txt\tdocs/%s.en.txt\n' $n $n
done >"$W/bad/manifest.tsv"
"$BITEXT" batch "$W/bad/manifest.tsv" -o "$W/batch3" --quiet 2>/dev/null || true
for input in "$W/bad/manifest.tsv" "file://$W/bad/manifest.tsv"; do
  echo "spark-test: $input (a binary and an empty document among 4 pairs)"
  rm -rf "$W/spark3"
  if submit "$input" "$W/spark3" \
      && python3 - "$W/spark3" <<'PY' && same_units "$W/spark3/memory.tmx" "$W/batch3/memory.tmx" >/dev/null
import json, sys
s = json.load(open(f"{sys.argv[1]}/summary.json"))
failed = sorted(json.loads(line)["id"] for line in open(f"{sys.argv[1]}/errors.jsonl"))
assert (s["pairs"], s["failed"], failed) == (4, 2, ["broken", "empty"]), (s, failed)
PY
  then
    pass "$input: 2 of 4 pairs failed with error records, the job completed, the rest as bitext batch"
  else
    fail "$input: expected 2 error records (broken, empty) and the other units as bitext batch"
  fi
done

echo "spark-test: whole run $((SECONDS - started)) s"
echo "spark-test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
