#!/usr/bin/env bash
# ruff and mypy on the whole tree (run inside the project's virtual environment).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
echo "== ruff"
ruff check .
echo "== mypy"
# mypy cannot follow setuptools' editable finder (ecox.graph -> graph/ ...), so check a
# throw-away tree of links laid out as the package is installed.
stage=$(mktemp -d)
mkdir "$stage/ecox"
ln -s "$PWD"/ecox/*.py "$stage/ecox/"
for folder in graph loaders queries store viz; do ln -s "$PWD/$folder" "$stage/ecox/$folder"; done
(cd "$stage" && mypy --config-file "$OLDPWD/pyproject.toml" -p ecox) || { rm -rf "$stage"; exit 1; }
rm -rf "$stage"
