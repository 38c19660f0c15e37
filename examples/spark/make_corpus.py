#!/usr/bin/env python3
"""Build a JSON Lines corpus from the repository's seed pages.

One line per seed page (id = file name, text = the whole page), then one line per
paragraph of every page (id = "<file name>#p<N>", N counting from 1), so the corpus has
enough lines to be spread over several Spark partitions.

Usage: make_corpus.py [SEEDS_DIR] [OUTPUT.jsonl]   (defaults: seeds/ and stdout)
"""
import glob
import json
import os
import re
import sys


def main() -> int:
    seeds_dir = sys.argv[1] if len(sys.argv) > 1 else "seeds"
    out_path = sys.argv[2] if len(sys.argv) > 2 else "-"
    paths = sorted(glob.glob(os.path.join(seeds_dir, "*.txt")))
    if not paths:
        print(f"make_corpus.py: no *.txt files in {seeds_dir}", file=sys.stderr)
        return 1
    out = sys.stdout if out_path == "-" else open(out_path, "w", encoding="utf-8")
    pages = paragraphs = 0
    # The whole pages first, then their paragraphs.
    texts = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            texts.append((os.path.basename(path), f.read()))
    for name, text in texts:
        out.write(json.dumps({"id": name, "text": text}, ensure_ascii=False) + "\n")
        pages += 1
    for name, text in texts:
        paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
        for i, para in enumerate(paras, 1):
            out.write(json.dumps({"id": f"{name}#p{i}", "text": para}, ensure_ascii=False) + "\n")
            paragraphs += 1
    if out is not sys.stdout:
        out.close()
    print(f"corpus: {pages} pages + {paragraphs} paragraphs = {pages + paragraphs} documents",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
