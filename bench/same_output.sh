#!/usr/bin/env bash
# Does a refactor change what users see? Runs two pairlint binaries over the same inputs (every
# check format on paired/, each tests/fixtures case and a generated corpus; stats, report,
# export, rule/rules, --help, --diff and --fix on a copy of the fixtures) and lists every output
# that differs, ignoring only the binaries' own names and output folders.
#
#   bench/same_output.sh OLD_BINARY NEW_BINARY [CORPUS_DIR]
#
# CORPUS_DIR defaults to $TMPDIR/pairlint-bench-10000 (made by bench/run.sh or
# `cargo run --release --example gen_corpus -- DIR 10000`). Exit 0 when every output is the same.
set -uo pipefail
[ $# -ge 2 ] && [ $# -le 3 ] || { echo "usage: $0 OLD_BINARY NEW_BINARY [CORPUS_DIR]" >&2; exit 2; }
cd "$(dirname "$0")/.."
big="${3:-${TMPDIR:-/tmp}/pairlint-bench-10000}"
[ -d "$big" ] || { echo "no corpus at $big (see the usage comment)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

capture() {
  local bin=$1 out=$2
  mkdir -p "$out"
  run() { local name=$1; shift; "$@" >"$out/$name.out" 2>"$out/$name.err"; echo $? >"$out/$name.rc"; }
  for fmt in human concise json sarif github; do
    run paired-$fmt env COLUMNS=100 GITHUB_STEP_SUMMARY="$out/paired-$fmt.summary" "$bin" check paired --format $fmt --color always
    run big-$fmt env GITHUB_STEP_SUMMARY="$out/big-$fmt.summary" "$bin" check "$big" --format $fmt --color never
    for case in tests/fixtures/*/*/; do
      n=$(echo "$case" | tr '/' '_')
      run fx-$n-$fmt env COLUMNS=100 GITHUB_STEP_SUMMARY="$out/fx-$n-$fmt.summary" "$bin" check "$case" --format $fmt --color always
    done
  done
  run statistics "$bin" check paired --statistics
  for f in human json markdown; do
    run stats-$f "$bin" stats paired --format $f
    run bigstats-$f "$bin" stats "$big" --format $f
  done
  run report "$bin" report paired --html "$out/report.html"
  run bigreport "$bin" report "$big" --html "$out/bigreport.html"
  run export "$bin" export paired
  run export-pairs "$bin" export paired --format pairs
  run export-by "$bin" export paired --by emotion "$out/by-emotion"
  run rules "$bin" rules
  for r in $("$bin" rules --format json | grep -o '"name": *"[a-z0-9-]*"' | sed 's/.*"\([a-z0-9-]*\)"/\1/'); do
    run rule-$r "$bin" rule "$r"
  done
  run help "$bin" --help
  for c in check rule rules lsp report export stats; do run help-$c "$bin" $c --help; done
  for case in tests/fixtures/*/fires/; do run diff-$(echo "$case" | tr '/' '_') "$bin" check "$case" --diff; done
  cp -r tests/fixtures "$out/fixed"
  run fix "$bin" check "$out/fixed" --fix --color never
}

cp "$1" "$work/pairlint" && capture "$work/pairlint" "$work/old" && rm "$work/pairlint"
cp "$2" "$work/pairlint" && capture "$work/pairlint" "$work/new"
# The outputs name their own folder (old/ or new/); that is the only difference allowed.
different=0
while IFS= read -r -d '' file; do
  rel=${file#"$work/old/"}
  if ! cmp -s <(sed "s#$work/old#OUT#g" "$file") <(sed "s#$work/new#OUT#g" "$work/new/$rel" 2>/dev/null); then
    echo "differs: $rel"
    different=$((different + 1))
  fi
done < <(find "$work/old" -type f -print0)
total=$(find "$work/old" -type f | wc -l)
echo "$different of $total outputs differ"
[ "$different" -eq 0 ]
