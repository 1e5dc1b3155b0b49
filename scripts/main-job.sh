#!/usr/bin/env bash
# The main job on the sample workspace: check every module, then start and stop the embedded
# PostgreSQL the lifecycle commands will use.
set -euo pipefail
pgpm=$(realpath "${1:-build/bin/pgpm}")
cd "$(dirname "$0")/.."

"$pgpm" -C modules check --workspace
server_dir=$(mktemp -d)
trap '"$pgpm" server stop --dir "$server_dir" >/dev/null 2>&1 || true; rm -rf "$server_dir"' EXIT
"$pgpm" server start --dir "$server_dir"
"$pgpm" server env --dir "$server_dir"
"$pgpm" server stop --dir "$server_dir"
