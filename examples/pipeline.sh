#!/usr/bin/env bash
# The main pipeline from the shell: seed pages in, facts out as CSV and JSON Lines, and a
# quick look at the money facts with standard tools. Run from the repository root.
set -euo pipefail
cargo build --release --quiet
factx=target/release/factx

# Every seed page, one CSV (open it in a spreadsheet).
"$factx" extract seeds/ -o facts.csv
echo "wrote facts.csv: $(($(wc -l < facts.csv) - 1)) facts"

# The same as a stream: concatenated pages from stdin, JSON Lines out, money only.
cat seeds/*.txt | "$factx" extract --format jsonl \
  | grep '"kind":"money"' | head -5

# How good is it? Score against the hand-labelled gold facts.
"$factx" eval --gold tests/gold seeds/
