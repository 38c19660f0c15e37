#!/usr/bin/env python3
"""Writes N pages (default 300) made of the seed pages' and dev2's own lines, shuffled and
recombined, with the layouts factx meets: headings, region tags, bylines, header and footer
date lines, blank lines, pages on one line, full-width digits. Deterministic (fixed seed),
for comparing two builds' output on text neither was tuned on:

    python3 scripts/generate_pages.py OUT_DIR [N]
"""
import glob
import os
import random
import sys

out, n = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 300
root = os.path.join(os.path.dirname(__file__), "..")
lines = []
for path in sorted(glob.glob(os.path.join(root, "seeds", "*.txt"))
                   + glob.glob(os.path.join(root, "tests", "dev2", "texts", "*.txt"))):
    with open(path, encoding="utf-8") as f:
        lines += [l.rstrip("\n") for l in f if l.strip()]
rng = random.Random(20261201)
tags = ["【四子王旗】", "【集市】", "## 九原区", "通辽", "● ", "□本报记者 某某", ""]
heads = ["2016-09-12 17:29 来源:某某网站", "发布时间:2021/3/5", "2019年8月1日 星期四", ""]
feet = ["2018年11月22日07:46 来源:某某网", "（责任编辑:某某）", ""]
full = str.maketrans("0123456789", "０１２３４５６７８９")
os.makedirs(out, exist_ok=True)
for i in range(n):
    body = rng.sample(lines, rng.randint(1, 25))
    page = [rng.choice(heads)]
    for line in body:
        if rng.random() < 0.15:
            page.append(rng.choice(tags))
        if rng.random() < 0.05:
            line = line.translate(full)
        page.append(line)
        if rng.random() < 0.3:
            page.append("")
    page.append(rng.choice(feet))
    sep = "" if rng.random() < 0.05 else "\n"
    with open(os.path.join(out, f"page_{i:03}.txt"), "w", encoding="utf-8") as f:
        f.write(sep.join(page) + "\n")
