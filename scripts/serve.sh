#!/usr/bin/env bash
# Sets up the checkout, builds the static site and serves it (production build, cross-origin isolated).
#   MIRRORBOX_HOST=0.0.0.0 to serve to other machines (a workshop room); MIRRORBOX_PORT to change the port.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
npx --no-install vite build --logLevel warn
host=${MIRRORBOX_HOST:-127.0.0.1}
port=${MIRRORBOX_PORT:-4173}
echo "mirrorbox: serving http://$host:$port/ (Ctrl+C to stop)"
exec npx --no-install vite preview --host "$host" --port "$port" --strictPort
