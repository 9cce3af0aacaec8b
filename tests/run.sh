#!/usr/bin/env bash
# Set up everything the ecox test suite needs on a fresh Debian machine, then run it.
#
#   bash tests/run.sh [PYTEST_ARGS...]
#
# Installs (when missing): Chromium and a CJK font from Debian (browser tests), a Python
# virtual environment in .venv with ecox and its test extras; builds the Neo4j Community
# test server with Maven (cached in tests/neo4j_server/target; the pytest fixture starts and
# stops the server itself). Then runs ruff, mypy and the whole pytest suite (unit tests,
# doctests, README quickstart, Neo4j and browser integration tests).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
fc-list :lang=zh 2>/dev/null | grep -q . || need_apt+=(fonts-noto-cjk)
command -v mvn >/dev/null 2>&1 || need_apt+=(maven)
command -v java >/dev/null 2>&1 || need_apt+=(openjdk-17-jre-headless)
if [ ${#need_apt[@]} -gt 0 ]; then
    echo "== apt-get install ${need_apt[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
    echo "== python venv"
    python3 -m venv .venv
fi
. .venv/bin/activate
echo "== pip install -e .[test]"
python -m pip install -q --disable-pip-version-check -e ".[test]"

echo "== neo4j test server"
bash tests/neo4j_server/build.sh

bash tests/lint.sh
echo "== pytest"
exec python -m pytest "$@"
