#!/bin/sh
# The kiosk app's benchmarks (BENCHMARKS.md, "App benchmarks"): drives the
# built `outpost` under Xvfb with Mesa's software renderer (llvmpipe) at
# 1366x768 and prints one JSON object per line on stdout, in outpost-bench's
# format: {"metric","value","unit","baseline","ratio","target"}. Progress and
# the machine's load go to stderr. Benchmarks are tools, not tests: nothing
# here fails on a slow number.
#
#   tools/bench-app.sh [--build DIR] [--store PATH] [--frames N] [--runs N]
#
#   --build DIR   build tree holding app/outpost and tools/outpost-bench (default: build)
#   --store PATH  the district store (1,000,000 events, 6,000 items); generated
#                 there with `outpost-bench --generate-only` when missing and kept
#                 (default: a temporary file, removed at the end)
#   --frames N    frames per scroll / empty-window run (default 300)
#   --runs N      scroll and empty runs, alternated (default 3); medians reported
set -eu

build=build
store=
frames=300
runs=3
while [ $# -gt 0 ]; do
    case "$1" in
        --build) build=$2; shift 2 ;;
        --store) store=$2; shift 2 ;;
        --frames) frames=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        *) echo "usage: tools/bench-app.sh [--build DIR] [--store PATH] [--frames N] [--runs N]" >&2; exit 2 ;;
    esac
done
outpost=$build/app/outpost
bench=$build/tools/outpost-bench
for exe in "$outpost" "$bench"; do
    [ -x "$exe" ] || { echo "bench-app: $exe is missing; build the outpost and outpost-bench targets" >&2; exit 2; }
done
command -v xvfb-run >/dev/null || { echo "bench-app: xvfb-run is missing (apt install xvfb xauth)" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/outpost-bench-app.XXXXXX")
trap 'rm -rf "$work"' EXIT
if [ -z "$store" ]; then store=$work/district.db; fi

# One metric line; baseline, ratio and target may be "null".
emit() {  # metric value unit baseline target
    ratio=null
    if [ "$4" != null ]; then ratio=$(awk -v v="$2" -v b="$4" 'BEGIN { r = b > 0 ? v / b : 0; printf "%.3f", r }'); fi
    printf '{"metric":"%s","value":%s,"unit":"%s","baseline":%s,"ratio":%s,"target":%s}\n' "$1" "$2" "$3" "$4" "$ratio" "$5"
}
# The value of one metric in a file of JSON lines.
value_of() {  # file metric
    sed -n "s/.*\"metric\":\"$2\",\"value\":\([-0-9.e+]*\).*/\1/p" "$1" | head -n 1
}
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }
# The app in a fresh X server; llvmpipe is forced so a GPU-less Xvfb and a
# machine with a GPU measure the same renderer.
# --no-demo-sync: the demo's in-process central and its simulated second
# device (which dispenses every 45 s or so, by design) stay off, so the
# figures are the app's own.
run_app() {
    LIBGL_ALWAYS_SOFTWARE=1 GALLIUM_DRIVER=llvmpipe \
        xvfb-run -a -s '-screen 0 1366x768x24' "$outpost" --size 1366x768 --no-demo-sync "$@"
}
note() { echo "bench-app: $*" >&2; }

note "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"

# ---- idle: frames and CPU in 10 s after a 2 s start-up (the small demo store) ----
note "idle run (12 s)"
run_app --demo --db "$work/demo.db" --run-for 12 --frame-stats --warm-up 2 >"$work/idle.out"
grep '^{"metric":"idle_' "$work/idle.out"

# ---- the district store: generated once ----
if [ ! -e "$store" ]; then
    note "generating the district store at $store (about 35 s of CPU; a few minutes on a busy machine)"
    "$bench" --generate-only --db "$store" >"$work/generate.out"
    grep '"generated_stock_events"' "$work/generate.out" >&2 || true
fi

# ---- time to first frame and resident memory with the district store ----
: >"$work/first.txt"
: >"$work/rss.txt"
: >"$work/opened.txt"
i=1
while [ "$i" -le "$runs" ]; do
    note "first frame, district store, run $i of $runs"
    run_app --demo --db "$store" --first-frame-stats --run-for 4 >"$work/first.out"
    value_of "$work/first.out" first_frame_ms_after_process_start >>"$work/first.txt"
    value_of "$work/first.out" resident_memory_at_end_of_run_kb >>"$work/rss.txt"
    value_of "$work/first.out" store_opened_ms_after_process_start >>"$work/opened.txt"
    i=$((i + 1))
done
emit first_frame_district_first_ms "$(head -n 1 "$work/first.txt")" ms null 1000
emit first_frame_district_p50_ms "$(median <"$work/first.txt")" ms null 1000
emit store_opened_district_p50_ms "$(median <"$work/opened.txt")" ms null null
emit resident_memory_district_kb "$(median <"$work/rss.txt")" kB null null

# ---- CPU per frame: scrolling the 6,000-item stock list against an empty window ----
: >"$work/empty_cpu.txt"; : >"$work/empty_wall.txt"; : >"$work/empty_ui.txt"; : >"$work/scroll_ui.txt"
: >"$work/scroll_cpu.txt"; : >"$work/scroll_wall.txt"; : >"$work/scrolled.txt"; : >"$work/queries.txt"
i=1
while [ "$i" -le "$runs" ]; do
    note "empty window and stock list scroll, $frames frames each, run $i of $runs"
    run_app --demo --db "$store" --bench-empty "$frames" >"$work/empty.out"
    value_of "$work/empty.out" empty_window_cpu_ms_per_frame >>"$work/empty_cpu.txt"
    value_of "$work/empty.out" empty_window_wall_ms_per_frame >>"$work/empty_wall.txt"
    value_of "$work/empty.out" empty_window_ui_cpu_ms_per_frame >>"$work/empty_ui.txt"
    run_app --demo --db "$store" --bench-scroll "$frames" >"$work/scroll.out"
    value_of "$work/scroll.out" scroll_stock_list_cpu_ms_per_frame >>"$work/scroll_cpu.txt"
    value_of "$work/scroll.out" scroll_stock_list_wall_ms_per_frame >>"$work/scroll_wall.txt"
    value_of "$work/scroll.out" scroll_stock_list_ui_cpu_ms_per_frame >>"$work/scroll_ui.txt"
    value_of "$work/scroll.out" scroll_stock_list_scrolled_px >>"$work/scrolled.txt"
    value_of "$work/scroll.out" scroll_stock_list_store_queries >>"$work/queries.txt"
    i=$((i + 1))
done
emit scroll_stock_list_cpu_ms_per_frame "$(median <"$work/scroll_cpu.txt")" ms "$(median <"$work/empty_cpu.txt")" 1.3
emit scroll_stock_list_wall_ms_per_frame "$(median <"$work/scroll_wall.txt")" ms "$(median <"$work/empty_wall.txt")" null
emit scroll_stock_list_ui_cpu_ms_per_frame "$(median <"$work/scroll_ui.txt")" ms "$(median <"$work/empty_ui.txt")" null
emit scroll_stock_list_scrolled_px "$(median <"$work/scrolled.txt")" px null null
emit scroll_stock_list_store_queries "$(median <"$work/queries.txt")" queries null null
emit scroll_stock_list_range_px "$(value_of "$work/scroll.out" scroll_stock_list_scroll_range_px)" px null null
emit scroll_stock_list_vertices_per_frame "$(value_of "$work/scroll.out" scroll_stock_list_vertices_per_frame)" vertices \
    "$(value_of "$work/empty.out" empty_window_vertices_per_frame)" null
note "per-run CPU ms/frame: empty $(tr '\n' ' ' <"$work/empty_cpu.txt")| scroll $(tr '\n' ' ' <"$work/scroll_cpu.txt")"
note "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
