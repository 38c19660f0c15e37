#!/usr/bin/env bash
# Regenerates rules/lexicon/words.txt: jieba's default dictionary (jieba-rs, MIT, from the
# cargo registry: build the project once first) without its rare words. Words with a
# frequency below MIN_FREQ (default 10) are left out: 105 k of 349 k words, 1.5 MB instead
# of 5 MB, loaded in ~23 ms instead of ~110 ms, and the same word boundaries as the full
# dictionary at 99.89 % of the boundaries of seeds + dev2 (see rules/lexicon/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
min=${MIN_FREQ:-10}
dict=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/jieba-rs-0.8.*/src/data/dict.txt | sort -V | tail -1)
awk -v min="$min" '$2 >= min' "$dict" >rules/lexicon/words.txt
echo "rules/lexicon/words.txt: $(wc -l <rules/lexicon/words.txt) words from $dict"
