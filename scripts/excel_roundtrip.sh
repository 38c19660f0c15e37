#!/usr/bin/env bash
# Opens factx's excel-csv output the way a spreadsheet user would: LibreOffice Calc converts
# it to .xlsx (headless), and the workbook is checked: Chinese text intact, every value
# cell numeric and equal to factx's exact value. Needs `soffice` (Debian: libreoffice-calc)
# and python3. Not part of CI; run it by hand: bash scripts/excel_roundtrip.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v soffice >/dev/null || { echo "skipped: soffice not found (apt-get install libreoffice-calc)"; exit 0; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet
target/release/factx extract seeds/ --format excel-csv --header zh -o "$work/facts.csv"
# 44 = comma, 34 = double quote, 76 = UTF-8
soffice --headless --infilter="CSV:44,34,76,1" --convert-to xlsx --outdir "$work" "$work/facts.csv" >/dev/null 2>&1
python3 - "$work/facts.csv" "$work/facts.xlsx" <<'PY'
import csv, re, sys, zipfile
from decimal import Decimal
from xml.etree import ElementTree as ET

csv_path, xlsx_path = sys.argv[1], sys.argv[2]
with open(csv_path, encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f))
header, body = rows[0], rows[1:]
ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
z = zipfile.ZipFile(xlsx_path)
shared = [
    "".join(t.text or "" for t in si.iter("{%s}t" % ns["m"]))
    for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", ns)
]
sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
def col_index(ref):
    letters = re.match(r"[A-Z]+", ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1
cells = {}
for row in sheet.iter("{%s}row" % ns["m"]):
    r = int(row.get("r")) - 1
    for c in row.findall("m:c", ns):
        v = c.find("m:v", ns)
        if v is None:
            continue
        kind = c.get("t", "n")
        text = shared[int(v.text)] if kind == "s" else v.text
        cells[(r, col_index(c.get("r")))] = (kind, text)
value_col, region_col, sentence_col = header.index("数值"), header.index("地区"), header.index("原文")
assert [cells.get((0, i), ("", ""))[1] for i in range(len(header))] == header, "header differs"
numeric = text_ok = dates = 0
for i, row in enumerate(body, start=1):
    want = row[value_col]
    kind, got = cells[(i, value_col)]
    if re.fullmatch(r"[0-9]+(\.[0-9]+)?", want):
        assert kind == "n", f"row {i}: value {want} is not numeric in Calc ({kind})"
        assert Decimal(got) == Decimal(want), f"row {i}: {got} != {want}"
        numeric += 1
    elif kind == "n":
        # Calc, like Excel, reads an ISO date (2022-04-24, 2024-12) as a date cell.
        import datetime
        y, m, *d = (int(x) for x in want.split("-"))
        serial = (datetime.date(y, m, d[0] if d else 1) - datetime.date(1899, 12, 30)).days
        assert Decimal(got) == serial, f"row {i}: date cell {got} is not {want}"
        dates += 1
    else:
        assert got == want, f"row {i}: text {got!r} != {want!r}"
    for col in (region_col, sentence_col):
        if row[col]:
            assert cells[(i, col)][1] == row[col], f"row {i}: text differs"
            text_ok += 1
print(f"LibreOffice round trip: {len(body)} rows; {numeric} numeric value cells equal to "
      f"factx's exact values; {dates} full dates read as date cells, the partial ones "
      f"(--11-17) as text; {text_ok} Chinese text cells (地区, 原文) intact")
PY
