#!/usr/bin/env bash
# Installs what the tests need (Debian packages, the venv with test tools) and runs the whole suite:
# lint, types, layering, then pytest (PostgreSQL, Xvfb and the RTSP server are started by the tests).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh --test
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/lint-imports
.venv/bin/python scripts/commit_subjects.py
.venv/bin/python -m pytest "$@"
