#!/usr/bin/env python3
"""Align a corpus of document pairs on Apache Spark with the bitext binary.

Each task decodes its share of the pairs and streams them through one `bitext batch --jsonl`
process. The units are sorted by (document, position) and written as JSON Lines partitions
to OUTPUT/units/, then merged into OUTPUT/memory.tmx with `bitext convert` (streaming).
A pair that fails gives an error record: counted, listed on stderr and in
OUTPUT/errors.jsonl, and the job goes on (exit code 0).

    spark-submit --master 'local[2]' --files target/release/bitext \\
        examples/spark/align_corpus.py corpora/pairs --output out/spark

INPUT is a folder of NAME.ru.txt / NAME.en.txt files or a manifest (src_path<TAB>tgt_path
lines, relative paths taken from its folder; a remote one must end in .tsv). A path that
exists on the driver is listed there and read with open() in the tasks, so every executor
must see it (local mode, a shared mount); other paths and URIs (hdfs://, s3a://, file://)
are read with sc.binaryFiles. (Hadoop's local file system runs `ls` twice per file when its
native library is missing: 23 of 31 seconds for 1,200 pairs on 2 cores.) The merge and the
summary files need OUTPUT on a disk the driver writes to; elsewhere only units/ is written.
"""

import argparse
import json
import os
import posixpath
import re
import subprocess
import sys
import threading
import time
import unicodedata
from urllib.parse import urlparse

from pyspark import SparkContext, SparkFiles, StorageLevel

LOWER = set("абвгдежзийклмнопрстуфхцчшщъыьэюяё«»“”–—…")
TYPOGRAPHIC = set("«»“”„‘’‚–—…№•\u00a0")
CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # but line breaks, tabs, form feeds
BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def decode(data):
    """Decodes a document as bitext does: byte-order mark, valid UTF-8, else windows-1251 or
    KOI8-R, whichever gives more lower-case Cyrillic. Raises ValueError for what is not text."""
    bom = next(((b, enc) for b, enc in BOMS if data.startswith(b)), None)
    if bom:
        try:
            text = data[len(bom[0]):].decode(bom[1])
        except UnicodeDecodeError:
            raise ValueError(f"not valid {bom[1]} text after its byte-order mark") from None
    elif b"\0" in data:
        raise ValueError("binary data (NUL bytes), not a text document")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            lower = lambda t: sum(c in LOWER for c in t)
            text = max((data.decode(e, "replace") for e in ("cp1251", "koi8_r")), key=lower)
            cyrillic = sum("\u0400" <= c <= "\u052f" for c in text)
            plausible = cyrillic + sum(c in TYPOGRAPHIC for c in text)
            if plausible * 10 < sum(b >= 0x80 for b in data) * 9 or lower(text) * 2 < cyrillic:
                raise ValueError("not valid UTF-8, and not windows-1251 or KOI8-R text either")
    if len(CONTROLS.findall(text)) * 20 > len(text):
        raise ValueError("binary data (control characters), not a text document")
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def document_name(path):
    """NAME of a manifest's NAME.ru.txt: the file name without up to two short extensions."""
    name = posixpath.basename(path)
    for _ in range(2):
        stem, dot, ext = name.rpartition(".")
        if not (dot and stem and (len(ext) <= 3 or ext == "text")):
            break
        name = stem
    return name


def name_and_side(path, args):
    """("NAME", "src" or "tgt") for NAME.<src>.txt or NAME.<tgt>.txt, else None."""
    base = posixpath.basename(path)
    for side, lang in (("src", args.src_lang), ("tgt", args.tgt_lang)):
        if base.endswith(f".{lang}.txt") and len(base) > len(lang) + 5:
            return base[:-len(lang) - 5], side
    return None


def run_bitext(command, lines, seen):
    """Streams request lines through one bitext process and yields its records, tagged "unit",
    "error", or the record's status ("unaligned" for a sentence without counterpart, "chrome"
    for page chrome), as they come; returns the exit code (1: some pairs gave error records)."""
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
        tag = "error" if "error" in record else record.get("status", "unit")
        yield (tag, record)
    return proc.wait()


def align_partition(pairs, binary, args, jobs):
    """One task: reads (if need be) and decodes the pairs, then pipes them through bitext.
    Yields ("pair", NAME), ("unit", record), ("unaligned" or "chrome", record), ("error",
    record) and ("unpaired", path).
    This is RDD.pipe, but with the binary found where the task runs (SparkFiles.get) and
    with exit code 1 (some pairs failed) not taken for a crash."""
    requests = []
    for name, sides in pairs:
        if len(sides) < 2:
            yield from (("unpaired", path) for path, _ in sides.values())
            continue
        yield ("pair", name)
        texts = {}
        for side, (path, data) in sides.items():
            try:
                if data is None:
                    with open(path, "rb") as f:
                        data = f.read()
                texts[side] = decode(data)
            except (OSError, ValueError) as e:
                cause = e.strerror if isinstance(e, OSError) else e
                yield ("error", {"id": name, "error": f"{path}: {cause}"})
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
    command, seen = [exe, "batch", "--jsonl", "--quiet", "--jobs", str(jobs)], set()
    if (yield from run_bitext(command, [line for _, line in requests], seen)) in (0, 1):
        return
    # bitext crashed: the pairs it had not answered go one at a time, so only the culprit fails.
    for name, line in requests:
        if name not in seen:
            code = yield from run_bitext(command, [line], seen)
            if code not in (0, 1):
                yield ("error", {"id": name, "error": f"bitext exited with code {code}"})


def manifest_rows(base, text):
    """(NAME, src_path, tgt_path) per manifest line, relative paths joined to base."""
    rows = []
    resolve = lambda p: p if urlparse(p).scheme or p.startswith("/") else posixpath.join(base, p)
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            paths = [p.strip() for p in line.split("\t")]
            if len(paths) != 2:
                sys.exit(f"align_corpus: manifest line {n}: expected src_path<TAB>tgt_path")
            rows.append((document_name(paths[0]), *map(resolve, paths)))
    return rows


def read_pairs(sc, args):
    """An RDD of (NAME, {"src"/"tgt": (path, bytes, or None: read in the task)}) in N
    partitions, and the files without a partner that the driver found."""
    if os.path.exists(args.input):
        root, unpaired = os.path.abspath(args.input), []
        if os.path.isfile(root):
            with open(root, encoding="utf-8-sig") as f:
                rows = manifest_rows(os.path.dirname(root), f.read())
        else:
            found = {}
            for file in sorted(os.listdir(root)):
                if name_and_side(file, args):
                    name, side = name_and_side(file, args)
                    found.setdefault(name, {})[side] = os.path.join(root, file)
            rows = [(name, s["src"], s["tgt"]) for name, s in found.items() if len(s) == 2]
            unpaired = [p for s in found.values() if len(s) == 1 for p in s.values()]
        return sc.parallelize(rows, args.partitions).map(
            lambda r: (r[0], {"src": (r[1], None), "tgt": (r[2], None)})), unpaired
    if args.input.endswith(".tsv"):  # keyed by manifest line: a NAME may come twice
        [(manifest, text)] = sc.wholeTextFiles(args.input).collect()
        rows = manifest_rows(posixpath.dirname(manifest), text)
        norm = lambda path: posixpath.normpath(urlparse(path).path)
        wanted = sc.parallelize([(norm(path), (row, name, side))
                                 for row, (name, src, tgt) in enumerate(rows)
                                 for side, path in (("src", src), ("tgt", tgt))])
        files = sc.binaryFiles(",".join(p for _, src, tgt in rows for p in (src, tgt)))
        keyed = wanted.join(files.map(lambda f: (norm(f[0]), f))).map(
            lambda kv: (kv[1][0][0], (*kv[1][0][1:], *kv[1][1])))
    else:
        langs = f"{{{args.src_lang},{args.tgt_lang}}}"
        keyed = sc.binaryFiles(f"{args.input.rstrip('/')}/*.{langs}.txt").map(
            lambda f: (name_and_side(f[0], args)[0], (*name_and_side(f[0], args), *f)))
    return keyed.groupByKey(args.partitions).map(lambda kv: (
        next(iter(kv[1]))[0], {side: (path, data) for _, side, path, data in kv[1]})), []


def position(unit):
    first = lambda index: int(str(index).split("-")[0])
    return unit["document"], first(unit["src_index"]), first(unit["tgt_index"])


def merge(out, exe, args):
    """Names the partitions *.jsonl and streams the non-empty ones, in order, into memory.tmx."""
    units, parts = f"{out}/units", []
    for part in sorted(p for p in os.listdir(units) if p.startswith("part-")):
        os.rename(f"{units}/{part}", f"{units}/{part}.jsonl")
        if os.path.exists(f"{units}/.{part}.crc"):
            os.remove(f"{units}/.{part}.crc")
        if os.path.getsize(f"{units}/{part}.jsonl"):
            parts.append(f"{units}/{part}.jsonl")
    if parts:
        subprocess.run([exe, "convert", *parts, "-o", f"{out}/memory.tmx", "--src-lang",
                        args.src_lang, "--tgt-lang", args.tgt_lang], check=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("input", help="folder of NAME.<src>.txt / NAME.<tgt>.txt, or manifest")
    parser.add_argument("--output", required=True, metavar="DIR", help="a new output folder")
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
    start, binary = time.time(), posixpath.basename(args.bitext)
    if binary not in {posixpath.basename(f) for f in sc.listFiles}:
        if not os.path.isfile(args.bitext):
            sys.exit(f"align_corpus: {args.bitext}: no such file, and not shipped with --files")
        sc.addFile(os.path.abspath(args.bitext))
    args.partitions = args.partitions or 3 * sc.defaultParallelism
    jobs, src, tgt = int(sc.getConf().get("spark.task.cpus", "1")), args.src_lang, args.tgt_lang

    pairs, unpaired = read_pairs(sc, args)
    tagged = (pairs.mapPartitions(lambda part: align_partition(part, binary, args, jobs))
              .persist(StorageLevel.MEMORY_AND_DISK))
    counts = tagged.map(lambda t: t[0]).countByValue()
    problems = tagged.filter(lambda t: t[0] in ("error", "unpaired")).collect()
    (tagged.filter(lambda t: t[0] == "unit").map(lambda t: t[1])
     .sortBy(position, numPartitions=args.partitions)
     .map(lambda u: json.dumps({key: u[key] for key in (
         "document", "link", "src_index", "tgt_index", "score")} | {src: u["src"], tgt: u["tgt"]},
         ensure_ascii=False))
     .saveAsTextFile(f"{out}/units"))
    job_seconds = time.time() - start

    errors = sorted((r for tag, r in problems if tag == "error"), key=lambda r: str(r["id"]))
    unpaired = sorted(unpaired + [p for tag, p in problems if tag == "unpaired"])
    for path in unpaired:
        print(f"align_corpus: warning: {path}: no partner file", file=sys.stderr)
    for r in errors:
        print(f"align_corpus: {r['id']}: {r['error']}", file=sys.stderr)
    summary = {"pairs": counts["pair"], "units": counts["unit"],
               "unaligned_sentences": counts["unaligned"], "failed": len(errors),
               "unpaired_files": len(unpaired), "partitions": args.partitions,
               "job_seconds": round(job_seconds, 3)}
    if local:
        merge(out, args.bitext if os.path.isfile(args.bitext) else SparkFiles.get(binary), args)
        summary["merge_seconds"] = round(time.time() - start - job_seconds, 3)
        with open(f"{out}/errors.jsonl", "w", encoding="utf-8") as f:
            f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in errors)
        with open(f"{out}/summary.json", "w") as f:
            json.dump(summary, f, indent=1)
    sc.stop()
    print(f"align_corpus: {summary['pairs']} pairs, {summary['units']} units, "
          f"{summary['failed']} failed, unpaired files: {summary['unpaired_files']}; "
          f"job {job_seconds:.1f} s ({summary['pairs'] / max(job_seconds, 1e-3):.0f} pairs/s)"
          + (f", merge {summary['merge_seconds']:.1f} s" if local else
             f"; merge {out}/units/part-* with bitext convert"))


if __name__ == "__main__":
    main()
