#!/usr/bin/env bash
# Pairing at scale: N Russian and N English article-size documents (each three NTREX
# documents joined, a different three for every article) under random names, paired with
# `bitext pair --jobs 2`; prints time, peak memory and how many pairs are right, for 1,000
# and 2,000 documents a side (memory should grow linearly).
set -euo pipefail
SHARED=${1:-../shared/eval}
source "$(dirname "$0")/common.sh"
D=$SHARED/align/ntrex-ruen/e2e
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
for n in 1000 2000; do
  python3 - "$D" "$W/$n" "$n" <<'PY'
import os, random, sys
d, w, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
names = sorted(f[:-7] for f in os.listdir(d) if f.endswith('.ru.txt'))
text = {(x, l): open(f'{d}/{x}.{l}.txt', encoding='utf-8').read().strip() for x in names for l in ('ru', 'en')}
rng = random.Random(n)
os.makedirs(f'{w}/ru'); os.makedirs(f'{w}/en')
with open(f'{w}/truth', 'w') as truth:
    for k in range(n):
        parts = rng.sample(names, 3)
        r, e = f'ru/{rng.getrandbits(48):012x}.txt', f'en/{rng.getrandbits(48):012x}.txt'
        for path, lang in ((r, 'ru'), (e, 'en')):
            open(f'{w}/{path}', 'w', encoding='utf-8').write('\n\n'.join(text[(x, lang)] for x in parts) + '\n')
        truth.write(f'{r}\t{e}\n')
PY
  timed "$BITEXT" pair "$W/$n/ru" "$W/$n/en" -o "$W/$n/manifest.tsv" --jobs 2 --quiet
  right=$(python3 - "$W/$n" <<'PY'
import sys
w = sys.argv[1]
truth = dict(l.rstrip('\n').split('\t') for l in open(f'{w}/truth'))
pairs = [l.split('\t')[:2] for l in open(f'{w}/manifest.tsv')]
print(sum(truth.get(s) == t for s, t in pairs), 'of', len(truth), 'right,', sum(truth.get(s) != t for s, t in pairs), 'wrong')
PY
)
  echo "pair $n x $n documents: ${SECS} s, peak ${MB} MB, $right"
done
