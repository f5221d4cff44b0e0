#!/usr/bin/env bash
# Installs what the console needs on a Debian/Ubuntu machine into ./.venv.
#   bash scripts/install.sh          runtime: Qt's X11 libraries, CJK fonts, Xvfb, the Python packages
#   bash scripts/install.sh --test   also PostgreSQL, GStreamer's RTSP server, ffmpeg and the test tools
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

with_tests=0
[ "${1:-}" = "--test" ] && with_tests=1

runtime_debs=(libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-xinerama0 libxcb-xkb1
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-shape0 libxcb-randr0 libegl1 libgl1 libfontconfig1 libdbus-1-3
  fonts-noto-cjk xvfb xauth)
test_debs=(postgresql gir1.2-gst-rtsp-server-1.0 python3-gi gstreamer1.0-plugins-base gstreamer1.0-plugins-good
  gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly gstreamer1.0-libav ffmpeg imagemagick x11-utils)

debs=("${runtime_debs[@]}")
[ $with_tests = 1 ] && debs+=("${test_debs[@]}")

if command -v apt-get >/dev/null; then
  missing=()
  for p in "${debs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
    echo "Installing Debian packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
else
  echo "apt-get not found: install Qt's xcb libraries, a CJK font and Xvfb with your package manager." >&2
fi

python=""
for candidate in python3.11 python3; do
  if command -v "$candidate" >/dev/null && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
    python=$candidate; break
  fi
done
[ -n "$python" ] || { echo "Python 3.11 is required" >&2; exit 1; }

[ -x .venv/bin/python ] || "$python" -m venv .venv
extra=""; [ $with_tests = 1 ] && extra="[test]"
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extra}"
.venv/bin/python scripts/i18n.py release
