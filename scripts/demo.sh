#!/usr/bin/env bash
# Installs the console and starts it on its built-in demo workspace (毕节市, 10 counties).
# Without a display (a server, CI) it runs on a virtual screen and writes demo-screenshot.png instead.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec .venv/bin/python main.py --demo "$@"
fi
echo "No display found: starting on a virtual screen (Xvfb) and saving a screenshot to demo-screenshot.png"
exec xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python main.py --demo --user jiandu01 \
  --screenshot demo-screenshot.png --quit-after 45 "$@"
