#!/usr/bin/env bash
# Opens factx's spreadsheet outputs the way a spreadsheet user would, for seeds/ and for
# tests/dev2/texts/: LibreOffice Calc converts the excel-csv to .xlsx (headless) and opens
# factx's own xlsx (converting it again), and both workbooks are checked cell by cell:
#   - no cell of any column is a formula (no <f> element in any sheet), and every cell
#     factx wrote as text is a text cell with that text (never a number or a formula's
#     result);
#   - every value cell is a number equal to factx's exact value, a full date read as a
#     date cell, or readable date text (9月8日, 2024年12月, 1月至9月) with no guard in front
#     (no apostrophe, zero-width space or other mark); the same for the 时间 (date) column;
#   - factx's xlsx reads back with the same cells as the excel-csv (text the CSV had to
#     defuse, −300万元 for -300万元, is the only difference).
# Needs `soffice` (Debian: libreoffice-calc) and python3. Not part of CI; run it by hand:
# bash scripts/excel_roundtrip.sh   (CARGO_TARGET_DIR is respected)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v soffice >/dev/null || { echo "skipped: soffice not found (apt-get install libreoffice-calc)"; exit 0; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet
factx="${CARGO_TARGET_DIR:-target}/release/factx"

for corpus in seeds/ tests/dev2/texts/; do
    name=$(basename "$corpus")
    mkdir -p "$work/$name/csv" "$work/$name/xlsx"
    "$factx" extract "$corpus" --format excel-csv --header zh -o "$work/$name/facts.csv"
    "$factx" extract "$corpus" --format xlsx --header zh -o "$work/$name/factx.xlsx"
    # 44 = comma, 34 = double quote, 76 = UTF-8, 1 = first line
    soffice --headless --infilter="CSV:44,34,76,1" --convert-to xlsx \
        --outdir "$work/$name/csv" "$work/$name/facts.csv" >/dev/null 2>&1
    soffice --headless --convert-to xlsx --outdir "$work/$name/xlsx" \
        "$work/$name/factx.xlsx" >/dev/null 2>&1
    python3 - "$corpus" "$work/$name/facts.csv" "$work/$name/csv/facts.xlsx" \
        "$work/$name/factx.xlsx" "$work/$name/xlsx/factx.xlsx" <<'PY'
import csv, datetime, re, sys, zipfile
from decimal import Decimal
from xml.etree import ElementTree as ET

corpus, csv_path, calc_of_csv, factx_xlsx, calc_of_xlsx = sys.argv[1:]
M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
failures = []

def fail(msg):
    failures.append(msg)

def col_index(ref):
    n = 0
    for ch in re.match(r"[A-Z]+", ref).group(0):
        n = n * 26 + ord(ch) - 64
    return n - 1

def read_xlsx(path):
    """(cells of the first sheet: (row, col) -> (type, text), formulas in any sheet, and the
    cells whose number format shows a percentage)."""
    z = zipfile.ZipFile(path)
    names = z.namelist()
    percent_styles = set()
    if "xl/styles.xml" in names:
        styles = ET.fromstring(z.read("xl/styles.xml"))
        codes = {int(n.get("numFmtId")): n.get("formatCode", "") for n in styles.iter(M + "numFmt")}
        xfs = styles.find(M + "cellXfs")
        for i, xf in enumerate(xfs.findall(M + "xf") if xfs is not None else []):
            fmt = int(xf.get("numFmtId", "0"))
            if fmt in (9, 10) or "%" in codes.get(fmt, ""):
                percent_styles.add(i)
    shared = []
    if "xl/sharedStrings.xml" in names:
        root = ET.fromstring(z.read("xl/sharedStrings.xml"))
        # A plain string, or rich text runs (Calc splits Latin and CJK fonts) joined;
        # phonetic runs (rPh) are not text.
        for si in root.findall(M + "si"):
            parts = si.findall(M + "t") + [t for r in si.findall(M + "r") for t in r.findall(M + "t")]
            shared.append("".join(t.text or "" for t in parts))
    sheets = sorted(n for n in names if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n))
    formulas = sum(len(ET.fromstring(z.read(s)).findall(f".//{M}f")) for s in sheets)
    cells = {}
    percent = set()
    for row in ET.fromstring(z.read(sheets[0])).iter(M + "row"):
        r = int(row.get("r")) - 1
        for c in row.findall(M + "c"):
            kind = c.get("t", "n")
            if kind == "inlineStr":
                text = "".join(t.text or "" for t in c.iter(M + "t"))
                kind = "s"
            else:
                v = c.find(M + "v")
                if v is None:
                    continue
                text = shared[int(v.text)] if kind == "s" else v.text
            cells[(r, col_index(c.get("r")))] = (kind, text)
            if int(c.get("s", "0")) in percent_styles:
                percent.add((r, col_index(c.get("r"))))
    return cells, formulas, percent

with open(csv_path, encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f))
header, body = rows[0], rows[1:]
value_cols = [header.index("数值"), header.index("数值上限")]
date_col = header.index("时间")

NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
PERCENT = re.compile(r"[0-9]+(\.[0-9]+)?%")
FULL_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
YEAR = re.compile(r"[0-9]{4}")
# 9月8日, 12月, 2024年12月, 1月至9月, 2025年1月至6月, 3月2日至9日, 2024年至2025年
PART = r"(?:[0-9]{4}年)?(?:[1-9][0-9]?月)?(?:[1-9][0-9]?日)?"
READABLE = re.compile(rf"(?=[0-9]){PART}(?:至(?=[0-9]){PART})?")
GUARDS = ("'", "\u200b", "\u2060", "\ufeff", "\t", " ")

def serial(text):
    y, m, d = (int(x) for x in FULL_DATE.fullmatch(text).groups())
    return (datetime.date(y, m, d) - datetime.date(1899, 12, 30)).days

def defused(text):
    """What excel-csv writes for a text cell an xlsx holds as `text` (see src/output/sheet.rs)."""
    if text.startswith("-"):
        return "\u2212" + text[1:]
    if text[:1] in ("=", "+", "@", "\t", "\r"):
        return "\u200b" + text
    return text

def check_calc_of_csv(cells, percent):
    """Calc's reading of the excel-csv: every cell as factx wrote it."""
    counts = dict(numbers=0, dates=0, readable=0, years=0, text=0, percent=0)
    for i, row in enumerate([header] + body):
        for c, want in enumerate(row):
            got = cells.get((i, c))
            where = f"excel-csv row {i} {header[c]}"
            if want == "":
                if got is not None and got[1] != "":
                    fail(f"{where}: {got} where factx wrote nothing")
                continue
            if got is None:
                fail(f"{where}: empty, factx wrote {want!r}")
                continue
            kind, text = got
            if i > 0 and NUMBER.fullmatch(want):
                if kind != "n" or Decimal(text) != Decimal(want):
                    fail(f"{where}: {got} is not the number {want}")
                elif c in value_cols:
                    counts["numbers"] += 1
                elif c == date_col:
                    counts["years"] += 1
            elif i > 0 and FULL_DATE.fullmatch(want):
                if kind != "n" or Decimal(text) != serial(want):
                    fail(f"{where}: {got} is not the date {want}")
                else:
                    counts["dates"] += 1
            elif i > 0 and PERCENT.fullmatch(want) and kind == "n":
                # Calc (like Excel) reads a percentage in `raw` (18%) as the number it means,
                # shown with a percent format: the same text to the reader, not a formula.
                if Decimal(text) != Decimal(want[:-1]) / 100 or (i, c) not in percent:
                    fail(f"{where}: {got} does not show {want}")
                else:
                    counts["percent"] += 1
            elif kind not in ("s", "inlineStr") or text != want:
                fail(f"{where}: {got} where factx wrote the text {want!r}")
            else:
                counts["text"] += 1
                if i > 0 and (c in value_cols or c == date_col):
                    if text.startswith(GUARDS) or not READABLE.fullmatch(text):
                        fail(f"{where}: {text!r} is neither a number nor readable date text")
                    else:
                        counts["readable"] += 1
    return counts

def check_factx_xlsx(cells, what):
    """factx's xlsx (as written, or as Calc reads it): the excel-csv's cells."""
    alike = 0
    for i, row in enumerate([header] + body):
        for c, want in enumerate(row):
            got = cells.get((i, c))
            where = f"{what} row {i} {header[c]}"
            if want == "":
                if got is not None and got[1] != "":
                    fail(f"{where}: {got} where the excel-csv has nothing")
                continue
            if got is None:
                fail(f"{where}: empty, the excel-csv has {want!r}")
                continue
            kind, text = got
            if kind == "n":
                ok = i > 0 and NUMBER.fullmatch(want) and Decimal(text) == Decimal(want)
            else:
                # Full dates and years are text cells here (the CSV leaves them to Calc).
                ok = kind in ("s", "str", "inlineStr") and defused(text) == want
            if ok:
                alike += 1
            else:
                fail(f"{where}: {got}, the excel-csv has {want!r}")
    return alike

calc_cells, calc_formulas, calc_percent = read_xlsx(calc_of_csv)
if calc_formulas:
    fail(f"excel-csv in Calc: {calc_formulas} formula cells")
counts = check_calc_of_csv(calc_cells, calc_percent)
alike = {}
for what, path in (("factx's xlsx", factx_xlsx), ("factx's xlsx in Calc", calc_of_xlsx)):
    cells, formulas, _ = read_xlsx(path)
    if formulas:
        fail(f"{what}: {formulas} formula cells")
    alike[what] = check_factx_xlsx(cells, what)

if failures:
    print(f"FAILED {corpus}: {len(failures)} problems; the first ones:")
    for msg in failures[:20]:
        print("  " + msg)
    sys.exit(1)
cells = sum(1 for row in [header] + body for v in row if v)
as_written, in_calc = alike["factx's xlsx"], alike["factx's xlsx in Calc"]
print(f"{corpus}: {len(body)} rows, {cells} cells, no formula in either workbook. excel-csv in Calc: "
      f"{counts['numbers']} numeric value cells equal to factx's exact values, {counts['dates']} "
      f"full dates as date cells, {counts['years']} years as numbers, {counts['readable']} readable "
      f"date texts (9月8日 …) with no guard, {counts['percent']} percentages in 原文数值 as percent "
      f"numbers shown as written, every other text cell as written. factx's xlsx: "
      f"{as_written} cells as in the excel-csv, {in_calc} as Calc reads them")
PY
done
