#!/usr/bin/env bash
# Scale figures: align 20,537 + 19,756 and 41,074 + 39,512 sentences (the NTREX "hard"
# documents concatenated and repeated 11 and 22 times), printing time, sentences/second, peak
# memory and strict F1 against the concatenated gold, and how the time grows with the input;
# then a batch of 1,200 article pairs with 1 and 2 jobs.
set -euo pipefail
SHARED=${1:-../shared/eval}
source "$(dirname "$0")/common.sh"
D=$SHARED/align/ntrex-ruen/hard
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
python3 - "$D" "$W" <<'PY'
import os, sys
d, w = sys.argv[1], sys.argv[2]
names = sorted(f[:-5] for f in os.listdir(d) if f.endswith('.gold'))
for reps, tag in ((11, '20k'), (22, '40k')):
    ru, en, gold = [], [], []
    for _ in range(reps):
        for n in names:
            r = [l for l in open(f'{d}/{n}.ru', encoding='utf-8').read().split('\n') if l.strip()]
            e = [l for l in open(f'{d}/{n}.en', encoding='utf-8').read().split('\n') if l.strip()]
            for line in open(f'{d}/{n}.gold'):
                s, t = line.strip().split(':')
                f = lambda x, o: '[' + ', '.join(str(int(v) + o) for v in x.strip()[1:-1].split(',') if v.strip()) + ']'
                gold.append(f(s, len(ru)) + ':' + f(t, len(en)))
            ru += r; en += e
    open(f'{w}/{tag}.ru', 'w', encoding='utf-8').write('\n'.join(ru) + '\n')
    open(f'{w}/{tag}.en', 'w', encoding='utf-8').write('\n'.join(en) + '\n')
    open(f'{w}/{tag}.gold', 'w').write('\n'.join(gold) + '\n')
PY
for tag in 20k 40k; do
  n=$(wc -l < "$W/$tag.ru"); m=$(wc -l < "$W/$tag.en")
  timed "$BITEXT" align --presegmented "$W/$tag.ru" "$W/$tag.en" -o "$W/$tag.align"
  f1=$("$BITEXT" eval --json --gold "$W/$tag.gold" --test "$W/$tag.align" | tail -1 | python3 -c 'import json,sys; print(round(json.load(sys.stdin)["f1_strict"], 3))')
  python3 -c "print(f'align {$n}+{$m} sentences: {$SECS:.2f} s, {($n+$m)/max($SECS,1e-3):,.0f} sentences/s, peak {$MB} MB, strict F1 {$f1}')"
  eval "secs_$tag=$SECS"
done
python3 -c "print(f'twice the input: {$secs_40k/max($secs_20k,1e-3):.2f}x the time')"
# hunalign on the same 20k pair, side by side in this run (absolute times vary with the
# machine; the ratio holds): tokenized as it expects, with an empty dictionary. The two run in
# turn three times and the medians are compared, so that a moment of load on a shared machine
# does not decide the figure.
PEERS=$(dirname "$SHARED")/peers
if HUNALIGN=$("$PEERS/build-hunalign" "$HOME/.cache/bitext-hunalign" 2>/dev/null); then
  for l in ru en; do
    python3 -c "import re,sys; [print(' '.join(re.findall(r'\w+|[^\w\s]', x))) for x in open(sys.argv[1], encoding='utf-8')]" "$W/20k.$l" > "$W/tok.$l"
  done
  : > "$W/null.dic"
  hs=(); bs=()
  for _ in 1 2 3; do
    # hunalign leaves a translate.txt in its working folder: run it in the scratch folder.
    pushd "$W" > /dev/null
    timed "$HUNALIGN" null.dic tok.ru tok.en > ladder.txt 2>/dev/null
    popd > /dev/null
    hs+=("$SECS"); hmb=$MB
    timed "$BITEXT" align --presegmented "$W/20k.ru" "$W/20k.en" -o "$W/again.align"
    bs+=("$SECS")
  done
  python3 - "$hmb" "$MB" "${hs[*]}" "${bs[*]}" <<'PY'
import statistics, sys
hmb, bmb = sys.argv[1], sys.argv[2]
h = [float(x) for x in sys.argv[3].split()]
b = [float(x) for x in sys.argv[4].split()]
hm, bm = statistics.median(h), statistics.median(b)
print(f"side by side on the 20k pair, three runs each in turn: hunalign {hm:.2f} s (median of "
      f"{', '.join(f'{x:.2f}' for x in h)}), {hmb} MB; bitext {bm:.2f} s (median of "
      f"{', '.join(f'{x:.2f}' for x in b)}), {bmb} MB: bitext {hm / max(bm, 1e-3):.1f}x faster "
      f"({min(h) / max(b):.1f}x-{max(h) / max(min(b), 1e-3):.1f}x run against run)")
PY
else
  echo "hunalign: not built (needs g++ and make), no side-by-side figure"
fi
# Batch throughput: 1,200 article-size pairs from the bundled corpus.
mkdir -p "$W/batch"
k=0
while [ $k -lt 100 ]; do
  for f in corpora/pairs/*.ru.txt; do b=$(basename "$f" .ru.txt); cp "$f" "$W/batch/$b-$k.ru.txt"; cp "corpora/pairs/$b.en.txt" "$W/batch/$b-$k.en.txt"; done
  k=$((k+1))
done
pairs=$(ls "$W/batch"/*.ru.txt | wc -l)
for jobs in 1 2; do
  timed "$BITEXT" batch "$W/batch" -o "$W/out$jobs" --jobs $jobs --quiet
  sents=$(python3 -c "import csv; print(sum(int(r['src_sentences'])+int(r['tgt_sentences']) for r in csv.DictReader(open('$W/out$jobs/summary.csv'))))")
  python3 -c "print(f'batch --jobs $jobs: {$pairs} pairs in {$SECS:.2f} s, {$pairs/max($SECS,1e-3):,.0f} pairs/s, {$sents/max($SECS,1e-3):,.0f} sentences/s, peak {$MB} MB')"
done
