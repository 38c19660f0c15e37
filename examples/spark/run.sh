#!/usr/bin/env bash
# factx scaled out with Spark: the seed pages become a JSON Lines corpus, factx runs over it
# once directly and once through Spark's rdd.pipe (local[2], several partitions, one factx
# process per partition), and the two outputs must hold the same facts, order aside.
# Needs Java and pyspark (pip install pyspark); without them it says "skipped: …" and exits 0.
# Not part of CI; run it by hand from anywhere: bash examples/spark/run.sh
# FACTX=/path/to/factx uses that binary instead of building target/release/factx.
set -euo pipefail
cd "$(dirname "$0")/../.."
python=${PYTHON:-python3}

command -v "$python" >/dev/null || { echo "skipped: $python not found"; exit 0; }
command -v java >/dev/null || { echo "skipped: java not found (Spark needs Java 17+: apt-get install openjdk-17-jre-headless)"; exit 0; }
java -version >/dev/null 2>&1 || { echo "skipped: java does not run (java -version failed)"; exit 0; }
"$python" -c 'import pyspark' 2>/dev/null || { echo "skipped: pyspark not installed for $python (pip install pyspark)"; exit 0; }

if [[ -z "${FACTX:-}" ]]; then
  cargo build --release --quiet
  FACTX=target/release/factx
fi
export FACTX

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SPARK_LOCAL_IP=127.0.0.1

"$python" examples/spark/make_corpus.py seeds "$work/corpus.jsonl"
docs=$(wc -l < "$work/corpus.jsonl")

# Direct: the whole corpus through one factx process.
"$FACTX" extract --input jsonl --format jsonl --quiet < "$work/corpus.jsonl" > "$work/direct.jsonl"

# Spark: the same corpus in 4 partitions on local[2].
"$python" examples/spark/factx_spark.py "$work/corpus.jsonl" "$work/spark" "$FACTX" \
  --master 'local[2]' --partitions 4 2> "$work/spark.log" || {
  echo "FAIL: the Spark job failed; its log:"; cat "$work/spark.log"; exit 1; }
grep '^spark:' "$work/spark.log"

# Compare as multisets of canonical JSON (keys sorted), and require at least 2 partitions.
"$python" - "$work/direct.jsonl" "$work/spark/facts.jsonl" "$docs" "$work/spark.log" <<'PY'
import collections, json, re, sys

direct_path, spark_path, docs, log_path = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]

def load(path):
    with open(path, encoding="utf-8") as f:
        return collections.Counter(
            json.dumps(json.loads(line), ensure_ascii=False, sort_keys=True)
            for line in f if line.strip())

direct, spark = load(direct_path), load(spark_path)
n_direct, n_spark = sum(direct.values()), sum(spark.values())
m = re.search(r"in (\d+) partitions", open(log_path, encoding="utf-8").read())
parts = int(m.group(1)) if m else 0
if parts < 2:
    sys.exit(f"FAIL: Spark used {parts} partition(s), expected at least 2")
if n_direct == 0:
    sys.exit("FAIL: factx found no facts at all")
if direct != spark:
    only_direct, only_spark = direct - spark, spark - direct
    print(f"FAIL: outputs differ: direct {n_direct} facts, Spark {n_spark} facts; "
          f"{sum(only_direct.values())} only direct, {sum(only_spark.values())} only Spark")
    for label, diff in (("only direct", only_direct), ("only Spark", only_spark)):
        for line in list(diff)[:3]:
            print(f"  {label}: {line[:300]}")
    sys.exit(1)
docs_with_facts = len({json.loads(k)["doc"] for k in direct})
print(f"{n_direct} facts from {docs} documents ({docs_with_facts} with facts, "
      f"{parts} Spark partitions), Spark output equals direct output")
PY
