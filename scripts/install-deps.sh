#!/usr/bin/env bash
# Installs the Debian 12 packages pgpm needs to build, test and run its embedded PostgreSQL.
# Idempotent: installs only what is missing. Works as root without a TTY (CI), else via sudo.
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config git
    libpq-dev libpg-query-dev libyaml-cpp-dev libboost-dev libboost-filesystem-dev
    libssl-dev libfmt-dev libcli11-dev libexpected-dev
    googletest libgtest-dev libbenchmark-dev
    postgresql postgresql-contrib
)

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' ||
        missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages present"
    exit 0
fi

as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
