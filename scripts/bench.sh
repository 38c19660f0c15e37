#!/usr/bin/env bash
# Throughput, memory and start-up of `factx extract`, as a markdown report on stdout (and in
# the file $BENCH_OUT when set). Builds the release binary, then two corpora made by copying
# the five pages in seeds/: ~20 MB (1,000 files) and ~100 MB (5,000 files), and runs
# `factx extract --format jsonl --jobs N` on each with N = 1 and N = nproc: $BENCH_RUNS rounds
# (default 3), each running every N in turn, so a slow spell of the machine hits all of
# them; reports the best wall time per N and the speed-up round by round. Checks that the
# outputs for every N are byte-identical.
# Optionally (python3 present, SKIP_JIONLP unset) compares with JioNLP's extract_money +
# extract_time, installed from PyPI into a throwaway venv (scripts/jionlp_bench.py).
#
# Env: BENCH_RUNS (default 3), BENCH_DIR (work dir, kept; default a temp dir, removed),
# BENCH_OUT (also write the report there), SKIP_JIONLP (skip the comparison).
# Not part of CI; run it by hand on an otherwise idle machine: bash scripts/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${BENCH_RUNS:-3}
if [[ -n ${BENCH_DIR:-} ]]; then
    work=$BENCH_DIR
    mkdir -p "$work"
else
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi
work=$(cd "$work" && pwd)
report="$work/report.md"
: >"$report"
say() { printf '%s\n' "$*" | tee -a "$report"; }
note() { printf '%s\n' "$*" >&2; }

bin="${CARGO_TARGET_DIR:-target}/release/factx"
note "building release binary…"
cargo build --release --quiet

# --- machine -------------------------------------------------------------------------
cores=$(nproc)
load=$(cut -d' ' -f1-3 /proc/loadavg)
cpu=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || true)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ $commit != unknown ]] && ! git diff --quiet HEAD -- 2>/dev/null; then
    commit="$commit-dirty"
fi

# --- corpora -------------------------------------------------------------------------
seeds=(seeds/*.txt)
seed_bytes=$(cat "${seeds[@]}" | wc -c)

# make_corpus DIR COPIES: COPIES distinct files per seed, named NNNN_<seed name>.
make_corpus() {
    local dir=$1 copies=$2 want files
    want=$((copies * ${#seeds[@]}))
    if [[ -d $dir ]]; then
        files=$(find "$dir" -maxdepth 1 -type f | wc -l)
        [[ $files -eq $want ]] && return 0
        rm -rf "$dir"
    fi
    mkdir -p "$dir"
    local seed start i names
    for seed in "${seeds[@]}"; do
        # tee writes one chunk of copies at a time (stays far below the open-file limit).
        for ((start = 0; start < copies; start += 200)); do
            names=()
            for ((i = start; i < copies && i < start + 200; i++)); do
                names+=("$dir/$(printf '%04d' "$i")_${seed##*/}")
            done
            tee "${names[@]}" <"$seed" >/dev/null
        done
    done
}

# timed OUT CMD...: runs CMD under `/usr/bin/time -v` with stdout to OUT; sets $wall
# (seconds, from the clock around it: -v's own figure has 10 ms steps) and $rss (MB, 10^6
# bytes, from "Maximum resident set size").
timed() {
    local out=$1 t0 t1
    shift
    t0=${EPOCHREALTIME/./}
    /usr/bin/time -v -o "$work/time.txt" "$@" >"$out" 2>"$work/stderr.txt"
    t1=${EPOCHREALTIME/./}
    wall=$(awk -v n="$((t1 - t0))" 'BEGIN { printf "%.3f", n / 1e6 }')
    rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 * 1024 / 1e6 }' \
        "$work/time.txt")
}
# best_of OUT CMD...: $runs runs of `timed`; sets $best (least wall) and $peak (most RSS).
best_of() {
    local r
    best="" peak=0
    for ((r = 1; r <= runs; r++)); do
        note "  run $r/$runs: ${*:2}"
        timed "$@"
        if [[ -z $best ]] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then
            best=$wall
        fi
        peak=$(awk -v a="$rss" -v b="$peak" 'BEGIN { print (a > b ? a : b) }')
    done
}
# ratio A B: A / B as "17×" (one decimal below 10).
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN { r = a / b; printf (r < 10 ? "%.1f×" : "%.0f×"), r }'
}

job_counts=(1)
[[ $cores -gt 1 ]] && job_counts+=("$cores")

rows=()
identical=()
speedups=()
declare -A mbps walls factcounts round
for spec in 20:200 100:1000; do
    label=${spec%%:*}
    copies=${spec##*:}
    dir="$work/corpus$label"
    note "corpus ~$label MB: $((copies * ${#seeds[@]})) files…"
    make_corpus "$dir" "$copies"
    bytes=$((seed_bytes * copies))
    mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
    # Rounds alternate the job counts, so a slow spell of the machine hits both: the
    # speed-up is also taken round by round (one job's wall ÷ all cores' in the same round).
    declare -A best_wall=() peak_rss=()
    ratios=()
    for ((r = 1; r <= runs; r++)); do
        for jobs in "${job_counts[@]}"; do
            note "  round $r/$runs: --jobs $jobs on ~$label MB"
            timed "$work/out-$label-$jobs.jsonl" "$bin" extract --format jsonl --jobs "$jobs" "$dir"
            round[$jobs]=$wall
            if [[ -z ${best_wall[$jobs]:-} ]] ||
                awk -v a="$wall" -v b="${best_wall[$jobs]}" 'BEGIN { exit !(a < b) }'; then
                best_wall[$jobs]=$wall
            fi
            peak_rss[$jobs]=$(awk -v a="$rss" -v b="${peak_rss[$jobs]:-0}" 'BEGIN { print (a > b ? a : b) }')
        done
        [[ ${#job_counts[@]} -gt 1 ]] &&
            ratios+=("$(awk -v a="${round[1]}" -v b="${round[$cores]}" 'BEGIN { printf "%.2f", a / b }')")
    done
    if [[ ${#ratios[@]} -gt 0 ]]; then
        sorted=$(printf '%s\n' "${ratios[@]}" | sort -n | tr '\n' ' ')
        median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }')
        speedups+=("~$label MB: --jobs $cores ÷ --jobs 1, round by round: ${sorted% } (median ${median}×).")
    fi
    for jobs in "${job_counts[@]}"; do
        best=${best_wall[$jobs]}
        peak=${peak_rss[$jobs]}
        facts=$(wc -l <"$work/out-$label-$jobs.jsonl")
        rate=$(awk -v b="$bytes" -v t="$best" 'BEGIN { printf "%.1f", b / 1e6 / t }')
        fps=$(awk -v f="$facts" -v t="$best" 'BEGIN { printf "%.0f", f / t }')
        best=$(awk -v a="$best" 'BEGIN { printf "%.2f", a }')
        mbps[$label-$jobs]=$rate
        walls[$label-$jobs]=$best
        factcounts[$label-$jobs]=$facts
        rows+=("$mb|$jobs|$best|$rate|$facts|$fps|$peak")
    done
    if [[ ${#job_counts[@]} -gt 1 ]]; then
        if cmp -s "$work/out-$label-1.jsonl" "$work/out-$label-$cores.jsonl"; then
            identical+=("~$label MB: --jobs 1 and --jobs $cores outputs are byte-identical (cmp).")
        else
            identical+=("~$label MB: --jobs 1 and --jobs $cores outputs DIFFER (cmp)!")
        fi
        rm -f "$work/out-$label-$cores.jsonl"
    fi
    rm -f "$work/out-$label-1.jsonl"
done

# --- start-up ------------------------------------------------------------------------
note "start-up…"
starts=()
for ((r = 0; r < 15; r++)); do
    # $EPOCHREALTIME (bash 5) reads the clock without starting a process.
    t0=${EPOCHREALTIME/./}
    "$bin" extract </dev/null >/dev/null 2>&1
    t1=${EPOCHREALTIME/./}
    starts+=("$((t1 - t0))")
done
startup_ms=$(printf '%s\n' "${starts[@]}" | sort -n | sed -n 8p | awk '{ printf "%.1f", $1 / 1000 }')

# --- JioNLP (optional) ---------------------------------------------------------------
jio_status=""
jio_json=""
if [[ -n ${SKIP_JIONLP:-} ]]; then
    jio_status="JioNLP: skipped (SKIP_JIONLP is set)"
elif ! command -v python3 >/dev/null; then
    jio_status="JioNLP: skipped (no python3)"
elif ! python3 -m venv "$work/jionlp-venv" >"$work/venv.log" 2>&1; then
    jio_status="JioNLP: skipped (python3 -m venv failed: $(tail -n1 "$work/venv.log"))"
else
    note "JioNLP: pip install jionlp…"
    t0=$(date +%s%N)
    if "$work/jionlp-venv/bin/pip" install --quiet --disable-pip-version-check jionlp \
        >"$work/pip.log" 2>&1; then
        t1=$(date +%s%N)
        pip_s=$(awk -v n="$((t1 - t0))" 'BEGIN { printf "%.1f", n / 1e9 }')
        note "JioNLP: timing (≥ 10 s)…"
        if jio_json=$("$work/jionlp-venv/bin/python" scripts/jionlp_bench.py "${seeds[@]}" \
            2>"$work/jionlp.err"); then
            jio_status="JioNLP installed from PyPI in $pip_s s (pip install jionlp, fresh venv)."
        else
            jio_status="JioNLP: skipped (benchmark failed: $(tail -n1 "$work/jionlp.err"))"
            jio_json=""
        fi
    else
        jio_status="JioNLP: skipped (pip install jionlp failed: $(tail -n1 "$work/pip.log"))"
    fi
fi

# factx on the five seeds in one run (includes start-up), for the comparison table.
seeds_wall=""
if [[ -n $jio_json ]]; then
    best_of "$work/out-seeds.jsonl" "$bin" extract --format jsonl --jobs 1 "${seeds[@]}"
    seeds_wall=$best
    seeds_facts=$(wc -l <"$work/out-seeds.jsonl")
fi

# --- report --------------------------------------------------------------------------
jio_field() { printf '%s' "$jio_json" | python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
jio_mbps=""
[[ -n $jio_json ]] && jio_mbps=$(jio_field mb_per_s)

say "# factx benchmark"
say ""
say "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
say "- nproc: $cores"
say "- CPU: ${cpu:-unknown}"
say "- rustc: $(rustc --version)"
say "- commit: $commit"
say "- load average before the runs: $load (1, 5, 15 min; anything else running skews the figures)"
say "- runs: $runs rounds, each running every job count in turn; a row shows the best wall time of its rounds; peak RSS is the largest; MB = 10^6 bytes"
say ""
say "## Throughput: \`factx extract --format jsonl --jobs N DIR > out.jsonl\`"
say ""
if [[ -n $jio_mbps ]]; then
    say "| corpus MB | jobs | wall s | MB/s | facts | facts/s | peak RSS MB | × JioNLP |"
    say "|---|---|---|---|---|---|---|---|"
else
    say "| corpus MB | jobs | wall s | MB/s | facts | facts/s | peak RSS MB |"
    say "|---|---|---|---|---|---|---|"
fi
for row in "${rows[@]}"; do
    IFS='|' read -r mb jobs wall rate facts fps peak <<<"$row"
    line="| $mb | $jobs | $wall | $rate | $facts | $fps | $peak |"
    if [[ -n $jio_mbps ]]; then
        line+=" $(ratio "$rate" "$jio_mbps") |"
    fi
    say "$line"
done
say ""
if [[ -n $jio_mbps ]]; then
    say "× JioNLP: the row's MB/s ÷ JioNLP's (one Python thread, below); the fair one is --jobs 1."
    say ""
fi
for line in "${identical[@]}"; do say "$line"; done
for line in "${speedups[@]}"; do say "$line"; done
[[ ${#job_counts[@]} -eq 1 ]] && say "One core: only --jobs 1 was run."
say ""
say "## Start-up"
say ""
say "\`factx extract < /dev/null\`: median of 15 runs $startup_ms ms."
say ""
say "## JioNLP comparison"
say ""
say "$jio_status"
if [[ -n $jio_json ]]; then
    f1=${mbps[20-1]}
    seeds_kbps=$(awk -v b="$seed_bytes" -v t="$seeds_wall" 'BEGIN { printf "%.0f", b / 1e3 / t }')
    say ""
    say "Same text: the five seed pages. JioNLP $(jio_field version): \`jio.ner.extract_money(p)\`"
    say "and \`jio.ner.extract_time(p)\` on every non-empty line, timed with time.perf_counter"
    say "(import and one warm-up call excluded), $(jio_field passes) passes over the seeds."
    say "factx: the full pipeline (normalise, rules, regions, indicators, dates, JSON output)."
    say "KB = 10^3 bytes of UTF-8 text."
    say ""
    say "| tool | work | s | KB/s | found | × JioNLP |"
    say "|---|---|---|---|---|---|"
    say "| JioNLP extract_money + extract_time | $(jio_field passes) × $(jio_field bytes_per_pass) B (seed paragraphs) | $(jio_field seconds) | $(jio_field kb_per_s) | per pass: $(jio_field money) money, $(jio_field time) time | 1× |"
    say "| factx, five seeds in one run (start-up included) | $seed_bytes B | $seeds_wall | $seeds_kbps | $seeds_facts facts | $(ratio "$seeds_kbps" "$(jio_field kb_per_s)") |"
    say "| factx --jobs 1, ~20 MB corpus (the fair figure) | $((seed_bytes * 200)) B | ${walls[20-1]} | $(awk -v a="$f1" 'BEGIN { printf "%.0f", a * 1000 }') | ${factcounts[20-1]} facts | $(ratio "$f1" "$jio_mbps") |"
fi

if [[ -n ${BENCH_OUT:-} ]]; then
    cp "$report" "$BENCH_OUT"
fi
