#!/usr/bin/env bash
# Serves the test fixture index (PEP 691 JSON / PEP 503 HTML, PEP 658 metadata, a yanked release,
# requires-python, a package whose arm64 wheels start at a later version) on 127.0.0.1 for trying
# `deps` by hand. The wheels and sdists are made by src/test/java/dev/wheelwright/index/FixtureIndex.java.
#   scripts/serve-fixture-index.sh [FIND_LINKS_DIR]    (stops on Ctrl-C or when stdin closes)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -o test-compile 2>/dev/null || mvn -q test-compile
exec java -cp target/test-classes dev.wheelwright.index.FixtureIndex "$@"
