#!/usr/bin/env bash
# Fuzzes the ONNX importer with libFuzzer for SECONDS seconds.
#
#   bash utils/fuzz-importer.sh SECONDS [JOBS]      (default: 600 s, 1 job)
#
# Builds tools/qcc-fuzz-import into build-fuzz/ (Release, clang-22,
# -fsanitize=fuzzer,address,undefined on qcc's code; libMLIR, libLLVM and
# libprotobuf are Debian's, not instrumented), seeds the corpus once from the
# project's test models (python/qcc_models, the models the importer tests in
# test/Import/ONNX build, ONNX's quantization node tests) and runs the
# fuzzer with an ONNX dictionary and the target's ONNX-aware mutator.
#
#   build-fuzz/fuzz/seeds/      the seed models (regenerated when deleted)
#   build-fuzz/fuzz/corpus/     the corpus, kept between runs
#   build-fuzz/fuzz/artifacts/  crash-*, timeout-*, oom-* reproducers
#   build-fuzz/fuzz/log/        libFuzzer's output (fuzz.log; fuzz-<i>.log per child)
#
# A finding is a crash, a sanitizer report, an input taking more than
# QCC_FUZZ_TIMEOUT (10) seconds or more than QCC_FUZZ_RSS_MB (2048) MB.
# Reproduce one: build-fuzz/bin/qcc-fuzz-import FILE (same ASAN_OPTIONS), or
# build/bin/qcc compile FILE -target x86_64 -o /tmp/x.o.
# QCC_FUZZ_WORKERS=1 runs JOBS independent fuzzers instead of fork mode
# (more executions a second; each stops at its first finding).
# Extra libFuzzer flags: QCC_FUZZ_ARGS="-max_len=100000 ...";
# QCC_FUZZ_SKIP_BUILD=1 skips the ninja step.
# Exit status: 0 without findings, 1 otherwise.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
SECS=${1:-600}
JOBS=${2:-1}
ROOT=$(pwd)
BUILD=build-fuzz
OUT=$ROOT/$BUILD/fuzz
FUZZER=$ROOT/$BUILD/bin/qcc-fuzz-import

t0=$(date +%s)
if [ ! -f "$BUILD/build.ninja" ]; then
  cmake -G Ninja -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
    -DQCC_BUILD_FUZZER=ON \
    "-DCMAKE_CXX_FLAGS=-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -gline-tables-only -fno-sanitize=vptr -fno-sanitize-recover=undefined" \
    "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=address,undefined" >/dev/null || exit 1
fi
# Only the fuzzer and the libraries it links (importer, qnn dialect,
# qnn-legalize-bit-widths), two compile jobs at most. QCC_FUZZ_SKIP_BUILD=1
# runs the fuzzer as built.
if [ "${QCC_FUZZ_SKIP_BUILD:-0}" != 1 ]; then
  ninja -C "$BUILD" -j2 qcc-fuzz-import || exit 1
fi
echo "fuzz-importer: build took $(( $(date +%s) - t0 )) s"

if [ ! -f "$OUT/seeds/.done" ]; then
  rm -rf "$OUT/seeds"
  /usr/bin/python3 tools/qcc-fuzz-import/make_seeds.py "$OUT/seeds" || exit 1
  touch "$OUT/seeds/.done"
fi
mkdir -p "$OUT/corpus" "$OUT/artifacts" "$OUT/log"

# qcc is instrumented, libMLIR is not: LLVM's header-inlined
# BumpPtrAllocator poisons slabs the library later uses
# (allow_user_poisoning=0), and LLVM/MLIR keep global state until exit
# (detect_leaks=0). See utils/test-sanitizers.sh.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:allow_user_poisoning=0:abort_on_error=0:handle_abort=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
ARGS=(-max_total_time="$SECS" -timeout="${QCC_FUZZ_TIMEOUT:-10}"
      -rss_limit_mb="${QCC_FUZZ_RSS_MB:-2048}" -malloc_limit_mb="${QCC_FUZZ_RSS_MB:-2048}"
      -max_len=65536 -dict="$ROOT/tools/qcc-fuzz-import/onnx.dict"
      -artifact_prefix="$OUT/artifacts/" -print_final_stats=1)
if [ "${QCC_FUZZ_WORKERS:-0}" = 1 ]; then
  # Workers: JOBS independent fuzzers sharing the corpus directory, each
  # for SECONDS; a worker stops at its first finding. No fork-mode
  # restarts (each re-runs part of the corpus), so more executions a
  # second; the total is the sum of the workers' executed units.
  pids=()
  for i in $(seq 1 "$JOBS"); do
    (cd "$OUT/log" && exec "$FUZZER" "${ARGS[@]}" -seed="$i" ${QCC_FUZZ_ARGS:-} \
       "$OUT/corpus" "$OUT/seeds") > "$OUT/log/fuzz-worker-$i.log" 2>&1 &
    pids+=($!)
  done
  rc=0
  for p in "${pids[@]}"; do wait "$p" || rc=1; done
  total=0
  for i in $(seq 1 "$JOBS"); do
    u=$(sed -n 's/^stat::number_of_executed_units: *//p' "$OUT/log/fuzz-worker-$i.log")
    echo "fuzz-importer: worker $i: ${u:-?} executions"
    total=$((total + ${u:-0}))
  done
  echo "fuzz-importer: $total executions in $JOBS workers"
else
  # Fork mode: JOBS child processes; a crash, timeout or OOM is saved to
  # artifacts/ and the run goes on until SECONDS are over.
  ARGS+=(-fork="$JOBS" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
  (cd "$OUT/log" && exec "$FUZZER" "${ARGS[@]}" ${QCC_FUZZ_ARGS:-} \
     "$OUT/corpus" "$OUT/seeds") 2>&1 | tee "$OUT/log/fuzz.log" | grep -v "^INFO: \|^#.*NEW\|^#.*REDUCE\|NEW_FUNC"
  rc=${PIPESTATUS[0]}
fi
n=$(find "$OUT/artifacts" -type f | wc -l)
echo "fuzz-importer: exit code $rc, $(ls "$OUT/corpus" | wc -l) corpus files, $n reproducers in $OUT/artifacts"
[ "$rc" -eq 0 ] && [ "$n" -eq 0 ]
