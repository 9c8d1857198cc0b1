#!/usr/bin/env bash
# Time pairlint against the floor of merely reading the same texts.
#
#   bench/run.sh [N_SCENARIOS] [CORPUS_DIR]
#
# Builds the release binary and the corpus generator, generates a synthetic corpus of
# N_SCENARIOS scenarios (default 10000; 6 texts of about 100 words each) into CORPUS_DIR
# (default $TMPDIR/pairlint-bench-N) unless that folder exists, then times
#   (a) the floor:    find DIR -name '*.txt' -print0 | xargs -0 cat > /dev/null
#   (b) the corpus:   pairlint check DIR --format json > /dev/null
#   (c) one scenario: pairlint check DIR/<scenario> --format json > /dev/null
# with hyperfine (installed with apt-get when missing and possible) or, failing that,
# /usr/bin/time -v, and prints b/a and the peak RSS of (b). RUNS (default 5) sets how many
# timed runs (a) and (b) get; (c) is fast and gets hyperfine's default. BENCH_TOOL=time skips
# hyperfine. pairlint exits 1 when it has findings: both 0 and 1 count as success, anything
# else stops the script.
set -euo pipefail

usage() {
  echo "usage: $0 [N_SCENARIOS] [CORPUS_DIR]" >&2
  exit 2
}
n="${1:-10000}"
case "$n" in '' | *[!0-9]* | 0) usage ;; esac
[ $# -le 2 ] || usage
runs="${RUNS:-5}"
case "$runs" in '' | *[!0-9]* | 0) echo "RUNS must be a positive whole number" >&2; exit 2 ;; esac

cd "$(dirname "$0")/.."
corpus="${2:-${TMPDIR:-/tmp}/pairlint-bench-$n}"
# cargo resolves a relative CARGO_TARGET_DIR against the working directory, as we do here.
target="${CARGO_TARGET_DIR:-target}"

scratch="$(mktemp -d)"
partial=""
cleanup() {
  rm -rf "$scratch"
  if [ -n "$partial" ]; then rm -rf "$partial"; fi
}
trap cleanup EXIT

# Run a command as root: directly, or through sudo when that needs no password.
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif sudo -n true 2>/dev/null; then sudo -n "$@"; else return 1; fi
}
# Install a Debian package when its command is missing; never fatal.
ensure() {
  local command="$1" package="$2"
  if ! command -v "$command" >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
    echo "bench: installing $package" >&2
    as_root apt-get install -y "$package" >/dev/null 2>&1 ||
      { as_root apt-get update >/dev/null 2>&1 && as_root apt-get install -y "$package" >/dev/null 2>&1; } ||
      echo "bench: could not install $package" >&2
  fi
}

echo "bench: building (release)" >&2
cargo build --release --quiet --bin pairlint --example gen_corpus
bin="$target/release/pairlint"
gen="$target/release/examples/gen_corpus"

if [ ! -d "$corpus" ]; then
  # Generate beside the target and rename, so an interrupted run never leaves a half corpus
  # that a later run would take for a whole one.
  partial="$corpus.partial.$$"
  "$gen" "$partial" "$n" >&2
  mv "$partial" "$corpus"
  partial=""
else
  echo "bench: reusing $corpus" >&2
fi
one="$(find "$corpus" -mindepth 1 -maxdepth 1 -type d -print -quit)"
if [ -z "$one" ]; then
  echo "bench: no scenario folder in $corpus" >&2
  exit 2
fi
files="$(find "$corpus" -name '*.txt' | wc -l)"
bytes="$(find "$corpus" -name '*.txt' -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')"

q() { printf '%q' "$1"; }
floor="find $(q "$corpus") -name '*.txt' -print0 | xargs -0 cat > /dev/null"
full="$(q "$bin") check $(q "$corpus") --format json > /dev/null || [ \$? -eq 1 ]"
single="$(q "$bin") check $(q "$one") --format json > /dev/null || [ \$? -eq 1 ]"

# Each command once, untimed: it must succeed, and the page cache is warm for all.
for cmd in "$floor" "$full" "$single"; do
  if ! bash -c "$cmd"; then
    echo "bench: failed: $cmd" >&2
    exit 1
  fi
done

use_hyperfine=1
if [ "${BENCH_TOOL:-}" = time ]; then use_hyperfine=0; else ensure hyperfine hyperfine; fi
ensure /usr/bin/time time

# Nanoseconds since the epoch (GNU date).
now() { date +%s%N; }

declare -A mean
if [ "$use_hyperfine" = 1 ] && command -v hyperfine >/dev/null 2>&1; then
  tool="hyperfine"
  hyperfine --shell bash --warmup 1 --runs "$runs" --export-csv "$scratch/ab.csv" \
    -n floor "$floor" -n corpus "$full" >&2
  hyperfine --shell bash --warmup 3 --export-csv "$scratch/c.csv" -n scenario "$single" >&2
  while IFS=, read -r name m _; do
    mean[$name]="$m"
  done < <(tail -q -n +2 "$scratch/ab.csv" "$scratch/c.csv")
elif [ -x /usr/bin/time ]; then
  tool="/usr/bin/time -v (mean of $runs runs)"
  for name in floor corpus scenario; do
    case "$name" in
      floor) cmd="$floor" ;;
      corpus) cmd="$full" ;;
      scenario) cmd="$single" ;;
    esac
    # time -v reports wall time in hundredths of a second, too coarse for the floor and one
    # scenario: the clock around it measures, time -v guards the exit status.
    total=0
    for _ in $(seq "$runs"); do
      start="$(now)"
      /usr/bin/time -v -o "$scratch/time.log" bash -c "$cmd"
      total=$((total + $(now) - start))
    done
    mean[$name]="$(awk -v t="$total" -v r="$runs" 'BEGIN { print t / r / 1e9 }')"
  done
else
  echo "bench: neither hyperfine nor /usr/bin/time is available" >&2
  exit 1
fi

# Peak RSS of (b): pairlint itself under time -v, not a shell around it.
rss="n/a"
if [ -x /usr/bin/time ]; then
  status=0
  /usr/bin/time -v -o "$scratch/rss.log" "$bin" check "$corpus" --format json >/dev/null || status=$?
  if [ "$status" -gt 1 ]; then
    echo "bench: pairlint check exited $status" >&2
    exit 1
  fi
  rss="$(awk -F': ' '/Maximum resident set size/ { print $2 " KB" }' "$scratch/rss.log")"
fi

awk -v n="$n" -v files="$files" -v bytes="$bytes" -v dir="$corpus" -v one="$one" \
  -v a="${mean[floor]}" -v b="${mean[corpus]}" -v c="${mean[scenario]}" \
  -v rss="$rss" -v tool="$tool" 'BEGIN {
  printf "corpus: %s (%d scenarios, %d texts, %.1f MB)\n", dir, n, files, bytes / 1e6
  printf "timing: %s\n", tool
  printf "(a) floor, find | xargs cat          %10.4f s\n", a
  printf "(b) pairlint check corpus            %10.4f s  (%.0f scenarios/s, %.2f MB/s)\n", b, n / b, bytes / 1e6 / b
  printf "(c) pairlint check one scenario      %10.4f s  (%s)\n", c, one
  if (a > 0) printf "b/a: %.1f\n", b / a; else print "b/a: n/a (the floor is below the timer resolution)"
  printf "peak RSS of (b): %s\n", rss
}'
