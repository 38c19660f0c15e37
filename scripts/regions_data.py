#!/usr/bin/env python3
"""Derives rules/regions/former.tsv and rules/regions/towns.tsv from the shared region data.

    python3 scripts/regions_data.py ../shared/data/regions rules/regions

former.tsv: county- and prefecture-level names no longer in force (history.csv), each with
the code in force today that succeeded it (followed through every later change). towns.tsv:
township names (towns.csv) with the county they belong to. Both keep only regions that the
project's china_admin.tsv knows. See rules/regions/README.md for the origin of each table.
"""
import csv
import re
import sys
from pathlib import Path

src, dst = Path(sys.argv[1]), Path(sys.argv[2])

current = {}
for line in (dst / "china_admin.tsv").read_text(encoding="utf-8").splitlines()[1:]:
    code, name, short, level, parent = (line.split("\t") + [""] * 5)[:5]
    current[code] = name
current_names = set(current.values())

rows = {}
with open(src / "history.csv", encoding="utf-8") as f:
    for r in csv.DictReader(f):
        rows.setdefault(r["代码"], []).append(r)


def successors(code, seen=()):
    """The codes in force today that `code` became; empty if none is known."""
    if code in current:
        return {code}
    if code in seen:
        return set()
    out = set()
    for r in rows.get(code, []):
        for part in filter(None, r["新代码"].split(";")):
            nxt = re.sub(r"\[[0-9]+\]", "", part).strip()
            if nxt and nxt != code:
                out |= successors(nxt, seen + (code,))
    return out


former = {}
for code, rs in rows.items():
    for r in rs:
        if r["状态"] == "在用" or r["级别"] not in ("县级", "地级"):
            continue
        name = r["名称"]
        if name in current_names or name.endswith("地区") or len(name) < 2:
            continue
        # A prefecture renamed under its own code (襄樊市 420600 → 襄阳市) keeps the code.
        targets = {code} if code in current else successors(code)
        if len(targets) != 1:
            continue  # split among several, or gone: no single region today
        (target,) = targets
        until = r["变更/弃用时间"]
        key = (name, target)
        if key not in former or until > former[key]:
            former[key] = until

# A name several places had (郊区, 市区, 城关区) names none of them.
targets_of = {}
for name, code in former:
    targets_of.setdefault(name, set()).add(code)
former = {k: v for k, v in former.items() if len(targets_of[k[0]]) == 1}
GENERIC = re.compile(r"^(市|郊|城|矿|新|东|西|南|北|中|市中|城关|城中|城郊|工农|特)区$")
former = {k: v for k, v in former.items() if not GENERIC.match(k[0])}

with open(dst / "former.tsv", "w", encoding="utf-8") as out:
    out.write("name\tcode\tuntil\tnow\n")
    for (name, code), until in sorted(former.items()):
        out.write(f"{name}\t{code}\t{until}\t{current[code]}\n")

towns = set()
with open(src / "towns.csv", encoding="utf-8") as f:
    for r in csv.DictReader(f):
        if r["areaCode"] in current and len(r["name"]) >= 2:
            towns.add((r["name"], r["areaCode"]))
with open(dst / "towns.tsv", "w", encoding="utf-8") as out:
    out.write("name\tcounty\n")
    for name, county in sorted(towns):
        out.write(f"{name}\t{county}\n")
print(f"former.tsv: {len(former)} rows; towns.tsv: {len(towns)} rows")
