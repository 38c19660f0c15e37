"""Times JioNLP's money and time extraction on the given text files, for scripts/bench.sh.

Each file is split into paragraphs (non-empty lines); jio.ner.extract_money(p) and
jio.ner.extract_time(p) run on every paragraph, in passes over all files, until at least
10 s have elapsed (time.perf_counter; the import and one warm-up call are not timed).
JioNLP's error logging (a traceback per unparsable time string) is disabled.
Prints one JSON object: passes, bytes_per_pass (UTF-8 bytes of the paragraphs), seconds,
kb_per_s, mb_per_s, money and time (entities found per pass), version.

Usage: python jionlp_bench.py FILE...   (needs `pip install jionlp`)
"""

import contextlib
import io
import json
import logging
import sys
import time

MIN_SECONDS = 10.0


def main(paths):
    # JioNLP prints a banner on import; keep stdout for the JSON result.
    with contextlib.redirect_stdout(io.StringIO()):
        import jionlp as jio

    # JioNLP logs a traceback (logging.error) for every time string it fails to parse;
    # silence it so that terminal or file I/O is not what is timed.
    logging.disable(logging.CRITICAL)

    paragraphs = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            paragraphs += [line.strip() for line in f if line.strip()]
    bytes_per_pass = sum(len(p.encode("utf-8")) for p in paragraphs)

    # Warm-up: loads JioNLP's lazily built dictionaries and patterns.
    jio.ner.extract_money(paragraphs[0])
    jio.ner.extract_time(paragraphs[0])

    passes = 0
    money = times = 0
    start = time.perf_counter()
    while True:
        money = times = 0
        for p in paragraphs:
            money += len(jio.ner.extract_money(p))
            times += len(jio.ner.extract_time(p))
        passes += 1
        elapsed = time.perf_counter() - start
        if elapsed >= MIN_SECONDS:
            break

    per_s = bytes_per_pass * passes / elapsed
    print(
        json.dumps(
            {
                "version": getattr(jio, "__version__", "?"),
                "passes": passes,
                "bytes_per_pass": bytes_per_pass,
                "seconds": round(elapsed, 2),
                "kb_per_s": round(per_s / 1e3, 1),
                "mb_per_s": per_s / 1e6,
                "money": money,
                "time": times,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1:])
