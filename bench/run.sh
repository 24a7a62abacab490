#!/usr/bin/env bash
# credlint benchmark: `credlint check --format json` against a serde_json
# parse floor. One command:
#
#   bench/run.sh            # 1,000 / 10,000 files, one file, memory (~1 min idle, ~4 busy)
#   bench/run.sh --large    # also 100,000 files (generated on demand, ~140 MB)
#   bench/run.sh --quick    # fewer runs, for trying the script
#
# Environment: BENCH_SEED (corpus seed, default 6), BENCH_RUNS (hyperfine
# runs per command, default 20), BENCH_CPUS (e.g. `0,1`: pin every command
# with taskset), CARGO_TARGET_DIR (where the release credlint is built).
# Generated corpora and results go to bench/corpus/ and bench/out/ (ignored
# by git). Nothing here is part of `cargo test`.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
LARGE=0
RUNS=${BENCH_RUNS:-20}
SEED=${BENCH_SEED:-6}
for arg in "$@"; do
  case "$arg" in
    --large) LARGE=1 ;;
    --quick) RUNS=3 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown argument $arg" >&2; exit 2 ;;
  esac
done

need() { # command, Debian package
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "== installing $2"
  apt-get install -y "$2" >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y "$2" >/dev/null; }
}
need hyperfine hyperfine
[ -x /usr/bin/time ] || need /usr/bin/time time
need python3 python3-minimal

echo "== building (release)"
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
cargo build --release --quiet --manifest-path "$ROOT/Cargo.toml" --target-dir "$TARGET" --bin credlint
for crate in corpus-gen parse-floor; do
  cargo build --release --quiet --manifest-path "$BENCH/$crate/Cargo.toml" --target-dir "$BENCH/target"
done
CREDLINT="$TARGET/release/credlint"
FLOOR="$BENCH/target/release/parse-floor"
GEN="$BENCH/target/release/corpus-gen"

echo "== corpus (seed $SEED)"
CORPUS="$BENCH/corpus"
mkdir -p "$CORPUS" "$BENCH/out"
rm -f "$BENCH/out/"*.json "$BENCH/out/"*.txt   # no stale results in the summary
"$GEN" --seed "$SEED" --out "$CORPUS/main" --mixed 10000 --full 1000
if [ "$LARGE" = 1 ]; then
  "$GEN" --seed "$SEED" --out "$CORPUS/large" --mixed 100000 --full 0
fi
MIXED="$CORPUS/main/mixed"        # 10,000 mixed files; mixed/000 is the first 1,000
FULL="$CORPUS/main/full"          # 1,000 fully populated valid files
ONE="$CORPUS/main/full/000/0000000.json"

PIN=()
if [ -n "${BENCH_CPUS:-}" ]; then PIN=(taskset -c "$BENCH_CPUS"); fi
OUT="$BENCH/out"
HF=(hyperfine --style basic --warmup 2 --ignore-failure -N)

bench() { # name, runs, then the commands
  local name=$1 runs=$2; shift 2
  echo "== $name"
  "${HF[@]}" --runs "$runs" --export-json "$OUT/$name.json" "$@" | grep -E "^(Benchmark|  Time)" || true
}

P="${PIN[*]:+${PIN[*]} }"
bench files-10000 "$RUNS" \
  -n credlint "${P}$CREDLINT check --format json $MIXED" \
  -n floor-2t "${P}$FLOOR -j 2 $MIXED" \
  -n floor-1t "${P}$FLOOR -j 1 $MIXED" \
  -n credlint-1t "${P}env RAYON_NUM_THREADS=1 $CREDLINT check --format json $MIXED"
bench full-1000 "$RUNS" \
  -n credlint "${P}$CREDLINT check --format json $FULL" \
  -n floor-2t "${P}$FLOOR -j 2 $FULL"
bench one-file $((RUNS * 10)) \
  -n credlint "${P}$CREDLINT check --format json $ONE" \
  -n floor-1t "${P}$FLOOR -j 1 $ONE"
SCALE=(-n files-1000 "${P}$CREDLINT check --format json $MIXED/000"
       -n files-10000 "${P}$CREDLINT check --format json $MIXED")
if [ "$LARGE" = 1 ]; then
  SCALE+=(-n files-100000 "${P}$CREDLINT check --format json $CORPUS/large/mixed")
fi
bench scaling "$RUNS" "${SCALE[@]}"
if [ "$LARGE" = 1 ]; then
  bench floor-100000 3 -n floor-2t "${P}$FLOOR -j 2 $CORPUS/large/mixed"
fi

echo "== peak memory (/usr/bin/time -v, 3 runs each, largest kept)"
peak() { # label, command...
  local label=$1; shift
  local best=0
  for _ in 1 2 3; do
    local kb
    /usr/bin/time -v -o "$OUT/time-v.txt" "$@" >/dev/null 2>&1 || true
    kb=$(awk -F: '/Maximum resident/ {gsub(/ /,"",$2); print $2}' "$OUT/time-v.txt")
    [ "${kb:-0}" -gt "$best" ] && best=$kb
  done
  echo "$label $best" >> "$OUT/memory.txt"
}
: > "$OUT/memory.txt"
peak credlint-10000 "$CREDLINT" check --format json "$MIXED"
peak floor-2t-10000 "$FLOOR" -j 2 "$MIXED"
peak credlint-one "$CREDLINT" check --format json "$ONE"
if [ "$LARGE" = 1 ]; then
  peak credlint-100000 "$CREDLINT" check --format json "$CORPUS/large/mixed"
fi
cat "$OUT/memory.txt"

# Sanity: credlint's file count matches the floor's.
"$CREDLINT" check --format json "$MIXED" > "$OUT/credlint-10000.json" || true
"$FLOOR" -j 2 "$MIXED" > "$OUT/floor-10000.txt"

python3 "$BENCH/summarize.py" "$OUT" | tee "$OUT/summary.txt"
