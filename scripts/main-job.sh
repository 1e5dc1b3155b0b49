#!/usr/bin/env bash
# The main job on the sample workspace, on a throw-away embedded PostgreSQL: check every module,
# create the roles the modules grant to, then the full cycle of the whole workspace: deploy,
# verify, revert everything, deploy again, and show the status.
set -euo pipefail
pgpm=$(realpath "${1:-build/bin/pgpm}")
cd "$(dirname "$0")/.."

"$pgpm" -C modules check --workspace
server_dir=$(mktemp -d)
trap '"$pgpm" server stop --dir "$server_dir" >/dev/null 2>&1 || true; rm -rf "$server_dir"' EXIT
"$pgpm" server start --dir "$server_dir"
export PGPM_SERVER_DIR=$server_dir

database=pgpm_main_job
"$pgpm" admin-users bootstrap
"$pgpm" -C modules -q -d "$database" deploy --workspace --createdb
"$pgpm" -C modules -q -d "$database" verify --workspace
"$pgpm" -C modules -q -d "$database" revert --workspace --all --yes
"$pgpm" -C modules -q -d "$database" deploy --workspace
"$pgpm" -C modules -d "$database" status --workspace
"$pgpm" server stop --dir "$server_dir"
