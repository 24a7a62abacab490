#!/usr/bin/env bash
# Where credlint's time goes: callgrind instruction counts (deterministic,
# unlike wall time on a busy machine) on the first 1,000 corpus files and on
# one file, credlint (1 thread) against the parse floor.
#
#   bench/profile.sh        # after bench/run.sh has built the binaries and corpus
#
# Needs valgrind (Debian package `valgrind`). Writes bench/out/callgrind.*.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
OUT="$BENCH/out"
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
CREDLINT="$TARGET/release/credlint"
FLOOR="$BENCH/target/release/parse-floor"
SMALL="$BENCH/corpus/main/mixed/000"
ONE="$BENCH/corpus/main/full/000/0000000.json"
command -v valgrind >/dev/null || apt-get install -y valgrind >/dev/null
[ -x "$CREDLINT" ] && [ -d "$SMALL" ] || { echo "run bench/run.sh first" >&2; exit 2; }
mkdir -p "$OUT"

ir() { # out-file, command...
  local file=$1; shift
  { valgrind --tool=callgrind --callgrind-out-file="$file" "$@" 2>&1 >/dev/null || true; } |
    awk '/Collected/ {print $NF}'
}
c1000=$(RAYON_NUM_THREADS=1 ir "$OUT/callgrind.credlint-1000" "$CREDLINT" check --format json "$SMALL")
f1000=$(ir "$OUT/callgrind.floor-1000" "$FLOOR" -j 1 "$SMALL")
c1=$(RAYON_NUM_THREADS=1 ir "$OUT/callgrind.credlint-one" "$CREDLINT" check --format json "$ONE")
f1=$(ir "$OUT/callgrind.floor-one" "$FLOOR" -j 1 "$ONE")
awk -v c="$c1000" -v f="$f1000" -v c1="$c1" -v f1="$f1" 'BEGIN {
  printf "instructions, 1,000 files: credlint %.1f M, floor %.1f M (%.2fx)\n", c/1e6, f/1e6, c/f
  printf "instructions, one file:    credlint %.2f M, floor %.2f M (%.1fx)\n", c1/1e6, f1/1e6, c1/f1
  printf "per file, start-up removed: credlint %.0f k, floor %.0f k (%.2fx)\n", (c-c1)/999/1e3, (f-f1)/999/1e3, (c-c1)/(f-f1)
}'
echo
echo "credlint, 1,000 files: inclusive share of the main stages"
callgrind_annotate --inclusive=yes "$OUT/callgrind.credlint-1000" 2>/dev/null |
  grep -E "credlint::(json::parser::parse|engine::Engine::(check_payload|new)|schema::map::SchemaChecker::check|schema::suggest::suggest|secrets::mask|rules::corpus::PayloadFacts::collect|rules::PayloadCtx::new|walk::collect|render::render)\b|drop_in_place<credlint::json::Document>|malloc.c:(malloc|free) " |
  sed -E 's/ \[[^]]*\]$//; s/\?\?\?://' | head -20
echo
echo "credlint, one file: start-up"
callgrind_annotate --inclusive=yes "$OUT/callgrind.credlint-one" 2>/dev/null |
  grep -E "credlint::(engine::Engine::new|schema::map::SchemaChecker::from_schema|config::Config::new)\b|jsonschema::compiler::validate_schema |serde_json::de::from_trait" |
  sed -E 's/ \[[^]]*\]$//; s/\?\?\?://' | head -10
