#!/usr/bin/env python3
"""Turns a batch review table (review.csv) back into link files, one NAME.align per document,
so a batch run can be scored like `align` output. Usage: review-links.py review.csv OUTDIR"""
import collections
import csv
import os
import sys


def indices(cell):
    """'3' -> [3], '3-5' -> [3, 4, 5], '' -> []"""
    if not cell:
        return []
    first, _, last = cell.partition('-')
    return list(range(int(first), int(last or first) + 1))


rows = collections.defaultdict(list)
for row in csv.DictReader(open(sys.argv[1], encoding='utf-8-sig')):
    rows[row['document']].append(row)
os.makedirs(sys.argv[2], exist_ok=True)
for doc, links in rows.items():
    with open(os.path.join(sys.argv[2], doc + '.align'), 'w') as out:
        for link in links:
            src = ', '.join(map(str, indices(link['src_index'])))
            tgt = ', '.join(map(str, indices(link['tgt_index'])))
            out.write(f'[{src}]:[{tgt}]\n')
