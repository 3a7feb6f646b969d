#!/usr/bin/env python3
"""Align a corpus of document pairs on Apache Spark with the bitext binary.

Each executor task decodes its share of the pairs, streams them through one
`bitext batch --jsonl` process and keeps the translation units it prints. The units are
sorted by (document, position) and written as JSON Lines partitions to OUTPUT/units/;
the driver then merges them into OUTPUT/memory.tmx with `bitext convert` (streaming).
A pair that fails is an error record, counted in the summary and listed in
OUTPUT/errors.jsonl; the other pairs are aligned all the same and the job exits 0.

    spark-submit --master 'local[2]' --files target/release/bitext \\
        examples/spark/align_corpus.py corpora/pairs --output out/spark

INPUT is a folder of NAME.ru.txt / NAME.en.txt files or a manifest ending in .tsv
(src_path<TAB>tgt_path per line, relative paths taken from the manifest's folder), on any
path Spark can read (local, hdfs://, s3a://, ...). The memory.tmx merge and the summary
files need OUTPUT on a file system the driver can write (local disk or a shared mount);
for another output, the units are written and the merge is left to you (see README).
"""

import argparse
import json
import os
import posixpath
import subprocess
import sys
import threading
import time
import unicodedata
from urllib.parse import urlparse

from pyspark import SparkContext, SparkFiles, StorageLevel

LOWER = set("абвгдежзийклмнопрстуфхцчшщъыьэюяё«»“”–—…")
TYPOGRAPHIC = set("«»“”„‘’‚–—…№•\u00a0")
BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def decode(data):
    """Decodes a document as bitext does: byte-order mark, valid UTF-8, then windows-1251
    or KOI8-R by which gives more lower-case Cyrillic. Raises ValueError for non-text."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError:
                raise ValueError(f"not valid {encoding} text after its byte-order mark")
            break
    else:
        if b"\0" in data:
            raise ValueError("binary data (NUL bytes), not a text document")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            candidates = [data.decode(e, "replace") for e in ("cp1251", "koi8_r")]
            text = max(candidates, key=lambda t: sum(c in LOWER for c in t))
            high = sum(b >= 0x80 for b in data)
            cyrillic = sum("\u0400" <= c <= "\u052f" for c in text)
            lower = sum(c in LOWER for c in text)
            plausible = cyrillic + sum(c in TYPOGRAPHIC for c in text)
            if plausible * 10 < high * 9 or (cyrillic and lower * 2 < cyrillic):
                raise ValueError("not valid UTF-8, and not windows-1251 or KOI8-R text either")
    controls = sum(c < " " and c not in "\n\r\t\x0b\x0c" or "\x7f" <= c <= "\x9f" for c in text)
    if controls * 20 > len(text):
        raise ValueError("binary data (control characters), not a text document")
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def document_name(path):
    """NAME of NAME.ru.txt: the file name without up to two short extensions."""
    name = posixpath.basename(path)
    for _ in range(2):
        stem, dot, ext = name.rpartition(".")
        if not (dot and stem and (len(ext) <= 3 or ext == "text")):
            break
        name = stem
    return name


def run_bitext(command, lines, seen):
    """Streams request lines through one bitext process, yielding its records tagged "unit"
    or "error" as they come; returns the exit code (1 when some pairs gave error records)."""
    proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def feed():
        try:
            for line in lines:
                proc.stdin.write(line.encode("utf-8") + b"\n")
            proc.stdin.close()
        except BrokenPipeError:  # bitext died; its exit code tells
            pass

    threading.Thread(target=feed, daemon=True).start()
    for raw in proc.stdout:
        record = json.loads(raw)
        seen.add(record.get("id"))
        yield ("error" if "error" in record else "unit", record)
    return proc.wait()


def align_partition(groups, binary, args, jobs):
    """One task: decodes the pairs of the partition on the executor and pipes them through
    bitext. Yields tagged records: ("pair", name), ("unit", record), ("error", record),
    ("unpaired", path). This is RDD.pipe with the binary looked up where the task runs
    (SparkFiles.get) and with exit code 1 (some pairs failed) not taken as a crash."""
    requests = []
    for _key, (name, sides) in groups:
        if len(sides) < 2:
            yield from (("unpaired", path) for path, _ in sides.values())
            continue
        yield ("pair", name)
        texts = {}
        for side, (path, data) in sides.items():
            try:
                texts[side] = decode(data)
            except ValueError as e:
                yield ("error", {"id": name, "error": f"{path}: {e}"})
                break
        else:
            requests.append((name, json.dumps({
                "id": name, "src": texts["src"], "tgt": texts["tgt"],
                "src_lang": args.src_lang, "tgt_lang": args.tgt_lang}, ensure_ascii=False)))
    if not requests:
        return
    exe = SparkFiles.get(binary)
    if not os.access(exe, os.X_OK):
        os.chmod(exe, 0o755)
    command = [exe, "batch", "--jsonl", "--quiet", "--jobs", str(jobs)]
    seen = set()
    code = yield from run_bitext(command, [line for _, line in requests], seen)
    if code in (0, 1):
        return
    # bitext crashed: align the pairs it had not answered one at a time, so that only the
    # pair that crashes it becomes an error record.
    for name, line in requests:
        if name not in seen:
            code = yield from run_bitext(command, [line], seen)
            if code not in (0, 1):
                yield ("error", {"id": name, "error": f"bitext exited with code {code}"})


def manifest_rows(manifest, text):
    """(NAME, src_path, tgt_path) per manifest line; relative paths from the manifest's folder."""
    rows, base = [], posixpath.dirname(manifest)
    resolve = lambda p: p if urlparse(p).scheme or p.startswith("/") else posixpath.join(base, p)
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            paths = [p.strip() for p in line.split("\t")]
            if len(paths) != 2:
                sys.exit(f"align_corpus: {manifest}: line {n}: expected src_path<TAB>tgt_path")
            rows.append((document_name(paths[0]), *map(resolve, paths)))
    return rows


def read_pairs(sc, args):
    """(key, (NAME, {"src"|"tgt": (path, bytes)})) for every pair, in N partitions."""
    if not args.input.endswith(".tsv"):
        root, sides = args.input.rstrip("/"), {args.src_lang: "src", args.tgt_lang: "tgt"}
        files = sc.binaryFiles(f"{root}/*.{{{args.src_lang},{args.tgt_lang}}}.txt")

        def by_name(file):
            name, lang, _txt = posixpath.basename(file[0]).rsplit(".", 2)
            return name, (name, sides[lang], file[0], file[1])
        keyed = files.map(by_name)
    else:
        [(manifest, text)] = sc.wholeTextFiles(args.input).collect()
        rows = manifest_rows(manifest, text)
        norm = lambda path: posixpath.normpath(urlparse(path).path)

        def by_row(item):
            (row, name, side), (path, data) = item[1]
            return row, (name, side, path, data)
        wanted = sc.parallelize([(norm(path), (row, name, side))
                                 for row, (name, src, tgt) in enumerate(rows)
                                 for side, path in (("src", src), ("tgt", tgt))])
        files = sc.binaryFiles(",".join(p for _, src, tgt in rows for p in (src, tgt)))
        keyed = wanted.join(files.map(lambda f: (norm(f[0]), f))).map(by_row)
    return keyed.groupByKey(args.partitions).mapValues(
        lambda files: (next(iter(files))[0], {side: (p, d) for _, side, p, d in files}))


def position(unit):
    first = lambda index: int(str(index).split("-")[0])
    return unit["document"], first(unit["src_index"]), first(unit["tgt_index"])


def merge(out, exe, src_lang, tgt_lang):
    """Names the partitions *.jsonl and streams the non-empty ones, in order, into memory.tmx."""
    units, parts = f"{out}/units", []
    for part in sorted(p for p in os.listdir(units) if p.startswith("part-")):
        os.rename(f"{units}/{part}", f"{units}/{part}.jsonl")
        if os.path.exists(f"{units}/.{part}.crc"):
            os.remove(f"{units}/.{part}.crc")
        if os.path.getsize(f"{units}/{part}.jsonl"):
            parts.append(f"{units}/{part}.jsonl")
    if parts:
        subprocess.run([exe, "convert", *parts, "-o", f"{out}/memory.tmx",
                        "--src-lang", src_lang, "--tgt-lang", tgt_lang], check=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("input", help="folder of NAME.<src>.txt / NAME.<tgt>.txt, or manifest .tsv")
    parser.add_argument("--output", required=True, metavar="DIR",
                        help="output folder (must not exist yet)")
    parser.add_argument("--bitext", default="bitext", metavar="PATH",
                        help="the binary: a file name shipped with --files, or a path on the "
                             "driver, which the job then ships itself (default: bitext)")
    parser.add_argument("--partitions", type=int, default=0, metavar="N",
                        help="tasks, one bitext process each (default: 3 x default parallelism)")
    parser.add_argument("--src-lang", default="ru", help="source language and file suffix (ru)")
    parser.add_argument("--tgt-lang", default="en", help="target language and file suffix (en)")
    args = parser.parse_args()
    local = urlparse(args.output).scheme in ("", "file")
    out = urlparse(args.output).path if local else args.output.rstrip("/")
    if local and os.path.exists(out):
        sys.exit(f"align_corpus: {out}: exists; give a new output folder")

    sc = SparkContext(appName="bitext align_corpus")
    sc.setLogLevel("WARN")
    start = time.time()
    binary = posixpath.basename(args.bitext)
    if binary not in {posixpath.basename(f) for f in sc.listFiles}:
        if not os.path.isfile(args.bitext):
            sys.exit(f"align_corpus: {args.bitext}: no such file, and not shipped with --files")
        sc.addFile(os.path.abspath(args.bitext))
    args.partitions = args.partitions or 3 * sc.defaultParallelism
    jobs = int(sc.getConf().get("spark.task.cpus", "1"))
    src_lang, tgt_lang = args.src_lang, args.tgt_lang

    tagged = (read_pairs(sc, args)
              .mapPartitions(lambda groups: align_partition(groups, binary, args, jobs))
              .persist(StorageLevel.MEMORY_AND_DISK))
    counts = tagged.map(lambda t: t[0]).countByValue()
    problems = tagged.filter(lambda t: t[0] in ("error", "unpaired")).collect()
    (tagged.filter(lambda t: t[0] == "unit").map(lambda t: t[1])
     .sortBy(position, numPartitions=args.partitions)
     .map(lambda u: json.dumps({
         "document": u["document"], "link": u["link"], "src_index": u["src_index"],
         "tgt_index": u["tgt_index"], "score": u["score"],
         src_lang: u["src"], tgt_lang: u["tgt"]}, ensure_ascii=False))
     .saveAsTextFile(f"{out}/units"))
    job_seconds = time.time() - start

    errors = sorted((r for tag, r in problems if tag == "error"), key=lambda r: str(r["id"]))
    unpaired = sorted(p for tag, p in problems if tag == "unpaired")
    for path in unpaired:
        print(f"align_corpus: warning: {path}: no partner file", file=sys.stderr)
    for r in errors:
        print(f"align_corpus: {r['id']}: {r['error']}", file=sys.stderr)
    summary = {"pairs": counts["pair"], "units": counts["unit"], "failed": len(errors),
               "unpaired_files": len(unpaired), "partitions": args.partitions,
               "job_seconds": round(job_seconds, 3)}
    if local:
        merge_start = time.time()
        exe = args.bitext if os.path.isfile(args.bitext) else SparkFiles.get(binary)
        merge(out, exe, src_lang, tgt_lang)
        summary["merge_seconds"] = round(time.time() - merge_start, 3)
        with open(f"{out}/errors.jsonl", "w", encoding="utf-8") as f:
            f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in errors)
        with open(f"{out}/summary.json", "w") as f:
            json.dump(summary, f, indent=1)
    else:
        print(f"align_corpus: units written to {out}/units; merge them with bitext convert",
              file=sys.stderr)
    sc.stop()
    print(f"align_corpus: {summary['pairs']} pairs, {summary['units']} units, "
          f"{summary['failed']} failed, {summary['unpaired_files']} files without a partner; "
          f"job {job_seconds:.1f} s ({summary['pairs'] / max(job_seconds, 1e-3):.0f} pairs/s)"
          + (f", merge into memory.tmx {summary['merge_seconds']:.1f} s" if local else ""))


if __name__ == "__main__":
    main()
