#!/usr/bin/env bash
# The README's first command: install what is missing, build into build/, then run the main job
# on the sample workspace in modules/ against the embedded throw-away PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake -S . -B build -G Ninja
cmake --build build
scripts/main-job.sh build/bin/pgpm
