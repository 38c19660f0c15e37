#!/usr/bin/env bash
# Regenerates rules/lexicon/words.txt: jieba's default dictionary (jieba-rs, MIT, from the
# cargo registry: build the project once first) without its rare words. Words with a
# frequency below MIN_FREQ (default 40) are left out: 58 k of 349 k words, 0.8 MB instead
# of 5 MB (see rules/lexicon/README.md for what that costs in word boundaries).
set -euo pipefail
cd "$(dirname "$0")/.."
min=${MIN_FREQ:-40}
dict=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/jieba-rs-0.8.*/src/data/dict.txt | sort -V | tail -1)
# Sorted by bytes, so that a regenerated file diffs cleanly.
awk -v min="$min" '$2 >= min' "$dict" | LC_ALL=C sort >rules/lexicon/words.txt
echo "rules/lexicon/words.txt: $(wc -l <rules/lexicon/words.txt) words from $dict"
