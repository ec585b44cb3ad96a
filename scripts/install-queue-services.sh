#!/usr/bin/env bash
# Redis and PostgreSQL for the queue-mode test, from Debian's packages when missing. The test
# starts its own servers from these binaries; nothing here starts or enables a service.
set -euo pipefail

if command -v redis-server >/dev/null && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  exit 0
fi
sudo=''
[ "$(id -u)" = 0 ] || sudo='sudo'
$sudo apt-get update
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends redis-server postgresql
