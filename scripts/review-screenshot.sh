#!/usr/bin/env bash
# Renders the review page of seed 000 (`factx extract --format html --gold tests/gold`) in
# headless Chromium and saves two screenshots: the page as it opens, and the same page with
# one highlight focused (its tooltip open). The focus comes from a one-line script added to
# a copy of the page for these shots only; the page factx writes has no script. A third,
# smaller shot of the focused page is the README's picture (docs/review.png).
# Needs Debian's chromium and a CJK font (apt-get install chromium fonts-noto-cjk).
# Not part of CI; run it by hand: bash scripts/review-screenshot.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/review}
mkdir -p "$out"
out=$(cd "$out" && pwd)
command -v chromium >/dev/null || { echo "skipped: chromium not found (apt-get install chromium fonts-noto-cjk)"; exit 0; }
fc-list :lang=zh | grep -q . || echo "warning: no Chinese font installed; text will show as boxes (apt-get install fonts-noto-cjk)" >&2

cargo build --release --quiet
target/release/factx extract seeds/000_8649f4011eb7aae2.txt --format html --gold tests/gold -o "$out/review.html"

# The fact to show focused: the first on the page (a headless screenshot after scrolling
# comes out blank, so the page is not scrolled).
id=d0f0
sed "s|</body>|<script>document.getElementById('$id').focus({preventScroll: true});</script></body>|" \
    "$out/review.html" >"$out/review-focus.html"

shot() {
    local page=$1 png=$2 size=${3:-1100,1400} profile
    profile=$(mktemp -d)
    chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync --disable-quic --user-data-dir="$profile" \
        --hide-scrollbars --window-size="$size" --run-all-compositor-stages-before-draw --virtual-time-budget=3000 \
        --screenshot="$png" "file://$page" >/dev/null 2>&1
    rm -rf "$profile"
    [[ -s $png ]] || { echo "no screenshot written: $png" >&2; exit 1; }
    echo "$png"
}
shot "$out/review.html" "$out/review.png"
shot "$out/review-focus.html" "$out/review-focus.png"
shot "$out/review-focus.html" "$out/review-small.png" 900,860
