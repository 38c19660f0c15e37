#!/usr/bin/env python3
"""Run factx over a JSON Lines corpus with Spark (local mode), one factx process per partition.

factx is a stateless line filter: a document in ({"id": …, "text": …, "date": …} per line),
its facts out (one JSON object per line, `doc` = the input id). So the whole job is a single
`rdd.pipe`: every partition's lines go to the stdin of its own
`factx extract --input jsonl --format jsonl --quiet`, and its stdout lines are the facts.
No shuffle, no reducer.

Usage:
  factx_spark.py INPUT.jsonl OUTPUT [FACTX] [--partitions N] [--master local[2]]
                 [--ref-date YYYY-MM-DD] [--part-files]

  OUTPUT   a directory: the facts are collected and written to OUTPUT/facts.jsonl, in
           corpus order (partition by partition, each in input order);
           with --part-files, Spark writes its own part-NNNNN files into OUTPUT instead
           (OUTPUT must not exist yet). `-` prints the facts on stdout.
  FACTX    the factx binary (default: $FACTX, else target/release/factx under the repo root)
"""
import argparse
import os
import shlex
import sys

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def parse_args(argv):
    p = argparse.ArgumentParser(description="Run factx over a JSON Lines corpus with Spark rdd.pipe")
    p.add_argument("input", help="JSON Lines corpus, one document per line")
    p.add_argument("output", help="output directory, or - to print the facts on stdout")
    p.add_argument("factx", nargs="?",
                   default=os.environ.get("FACTX") or os.path.join(REPO_ROOT, "target", "release", "factx"),
                   help="factx binary (default: $FACTX, else target/release/factx under the repo root)")
    p.add_argument("--partitions", type=int, default=4, help="minimum number of input partitions (default 4)")
    p.add_argument("--master", default="local[2]", help="Spark master (default local[2])")
    p.add_argument("--ref-date", help="passed to factx as --ref-date (YYYY-MM-DD)")
    p.add_argument("--part-files", action="store_true",
                   help="write Spark part files into OUTPUT instead of one collected facts.jsonl")
    return p.parse_args(argv)


def main(argv=None):
    args = parse_args(argv if argv is not None else sys.argv[1:])
    factx = os.path.abspath(args.factx)
    if not (os.path.isfile(factx) and os.access(factx, os.X_OK)):
        print(f"factx_spark.py: factx binary not found or not executable: {factx}", file=sys.stderr)
        return 2

    # Python workers must be this interpreter (pyspark is installed here).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark import SparkConf, SparkContext

    conf = (SparkConf().setMaster(args.master).setAppName("factx-spark")
            .set("spark.ui.enabled", "false")
            .set("spark.ui.showConsoleProgress", "false")
            .set("spark.driver.host", "127.0.0.1")
            .set("spark.driver.bindAddress", "127.0.0.1"))
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    try:
        cmd = [factx, "extract", "--input", "jsonl", "--format", "jsonl", "--quiet"]
        if args.ref_date:
            cmd += ["--ref-date", args.ref_date]
        # textFile splits the file by bytes; Hadoop's line reader keeps every line whole.
        docs = sc.textFile(os.path.abspath(args.input), minPartitions=args.partitions)
        # One factx process per partition; checkCode fails the job if factx exits non-zero.
        facts = docs.pipe(shlex.join(cmd), checkCode=True)

        n_parts = docs.getNumPartitions()
        if args.part_files and args.output != "-":
            facts.saveAsTextFile(os.path.abspath(args.output))
            n_docs, n_facts = docs.count(), facts.count()
        else:
            per_part = docs.mapPartitions(lambda it: [sum(1 for _ in it)]).collect()
            n_docs = sum(per_part)
            lines = facts.collect()  # partition order, each partition in input order
            n_facts = len(lines)
            if args.output == "-":
                out = sys.stdout
            else:
                os.makedirs(args.output, exist_ok=True)
                out = open(os.path.join(args.output, "facts.jsonl"), "w", encoding="utf-8")
            for line in lines:
                out.write(line + "\n")
            if out is not sys.stdout:
                out.close()
            print(f"spark: documents per partition {per_part}", file=sys.stderr)
        print(f"spark: {n_facts} facts from {n_docs} documents in {n_parts} partitions "
              f"(master {args.master})", file=sys.stderr)
    finally:
        sc.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
