#!/usr/bin/env bash
# Refreshes docs/reference/ from the ODS-generated docs in build/docs
# (run after changing a .td file; test/docs/reference-up-to-date.test checks it).
set -euo pipefail
cd "$(dirname "$0")/.."
ninja -C build qcc-doc
cp build/docs/Dialects/QNNDialect.md docs/reference/QNNDialect.md
cp build/docs/QCCTransformsPasses.md docs/reference/TransformsPasses.md
cp build/docs/QCCConversionPasses.md docs/reference/ConversionPasses.md
cp build/docs/QNNTransformsPasses.md docs/reference/QNNTransformsPasses.md
echo "docs/reference/ updated"
