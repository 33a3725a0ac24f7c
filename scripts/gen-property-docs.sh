#!/usr/bin/env bash
# Regenerates docs/connection-properties.md from the property catalog in
# src/config/property_catalog.cpp. Builds only the small generator program
# (the core and config layers) in build/gen-docs, or in $BUILD_DIR when set.
set -euo pipefail

cd "$(dirname "$0")/.."
build_dir="${BUILD_DIR:-build/gen-docs}"

cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DEPICOR_BUILD_TESTS=ON >/dev/null
cmake --build "$build_dir" --target epicor_gen_property_docs -j 2
"$build_dir/tests/config/epicor_gen_property_docs" docs/connection-properties.md
echo "gen-property-docs.sh: wrote docs/connection-properties.md"
