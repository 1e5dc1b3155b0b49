#!/usr/bin/env bash
# The main job on the sample workspace: check every module, then prove each one on a throw-away
# embedded PostgreSQL: in a fresh database of its own, deploy its dependencies, deploy it,
# verify, revert, check the catalog is as before, deploy again and verify again.
set -euo pipefail
pgpm=$(realpath "${1:-build/bin/pgpm}")
cd "$(dirname "$0")/.."

"$pgpm" -C modules check --workspace
"$pgpm" -C modules test-packages --full-cycle --workspace --ephemeral
