#!/usr/bin/env bash
# Installs the dependencies, builds qcc and runs the whole lit suite
# (build/test). Prints lit's output, then as the very last line
#
#   N passed, M failed
#
# where "failed" counts every discovered test that did not pass: failures,
# unexpected passes, unresolved, timed out, unsupported, skipped, excluded
# and expected failures (nothing that did not run counts as passing).
# Exits non-zero if M > 0. The xUnit report goes to build/test/results.xml.
#
#   QCC_SKIP_DEPS=1    do not run utils/install-deps.sh
#   QCC_SKIP_BUILD=1   do not run utils/build.sh (test the existing build/)
#   QCC_LIT_ARGS       extra arguments for lit (e.g. "--filter Dialect")
#   QCC_BUILD_DIR      the build to test (default build; see test-sanitizers.sh)
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

LIT=/usr/lib/llvm-22/bin/lit
BUILD=${QCC_BUILD_DIR:-build}
XML=$BUILD/test/results.xml

# A setup failure still ends with the summary line, counted as one failure.
setup_failed() {
  echo "test.sh: $1 failed; no tests were run" >&2
  echo "0 passed, 1 failed"
  exit 1
}

if [ "${QCC_SKIP_DEPS:-0}" != 1 ]; then
  bash utils/install-deps.sh || setup_failed "utils/install-deps.sh"
fi
if [ "${QCC_SKIP_BUILD:-0}" != 1 ]; then
  bash utils/build.sh || setup_failed "utils/build.sh"
fi
[ -f "$BUILD/test/lit.site.cfg.py" ] || setup_failed "configuring $BUILD/test (no lit.site.cfg.py)"
[ -x "$LIT" ] || setup_failed "finding lit ($LIT)"

log=$(mktemp)
trap 'rm -f "$log"' EXIT
# shellcheck disable=SC2086  # QCC_LIT_ARGS is a word list on purpose
"$LIT" -sv --xunit-xml-output "$XML" ${QCC_LIT_ARGS:-} "$BUILD/test" 2>&1 | tee "$log"
lit_status=${PIPESTATUS[0]}

# lit's summary: "Total Discovered Tests: N", then one line per result kind,
# padded to align: "  Passed  : 38 (88.37%)", "  Passed With Retry: 1 (..)".
read -r total passed < <(awk -F: '
  { label = $1; gsub(/^[ \t]+|[ \t]+$/, "", label); split($2, v, " ") }
  label == "Total Discovered Tests"                   { total = v[1] }
  label == "Passed" || label == "Passed With Retry"   { passed += v[1] }
  END { print total + 0, passed + 0 }' "$log")
failed=$((total - passed))

if [ "$total" -eq 0 ]; then
  echo "test.sh: lit discovered no tests (exit status $lit_status)" >&2
  failed=1
elif [ "$lit_status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # lit failed without a failing test in its summary (crash, bad config).
  echo "test.sh: lit exited with status $lit_status" >&2
  failed=1
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
