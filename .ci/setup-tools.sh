#!/usr/bin/env bash
# Installs the external tools the workflow tests use (idempotent):
#   - tests/editor/node_modules            (npm ci: vscode-json-languageservice)
#   - target/ci-tools/sarif/               (the SARIF validator, @microsoft/sarif-multitool-linux)
#   - target/ci-tools/venv/                (a Python virtualenv with pre-commit)
# Needs: Node 20 + npm, Python 3.11 + pip (venv module), network access to the
# npm registry and PyPI. Tests look for the tools exactly there; when a tool is
# missing they fail under CI=... and skip (with a message) otherwise.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="${CREDLINT_CI_TOOLS:-$root/target/ci-tools}"
sarif_version="5.7.0"
pre_commit_version="4.7.0"
mkdir -p "$tools"

echo "setup-tools: editor test dependencies (npm ci in tests/editor)"
if [ ! -d "$root/tests/editor/node_modules/vscode-json-languageservice" ] \
    || [ "$root/tests/editor/package-lock.json" -nt "$root/tests/editor/node_modules/.package-lock.json" ]; then
    (cd "$root/tests/editor" && npm ci --no-audit --no-fund)
fi

echo "setup-tools: SARIF validator (@microsoft/sarif-multitool-linux@$sarif_version)"
sarif_dir="$tools/sarif"
if [ ! -f "$sarif_dir/node_modules/@microsoft/sarif-multitool-linux/package.json" ] \
    || ! grep -q "\"version\": \"$sarif_version\"" "$sarif_dir/node_modules/@microsoft/sarif-multitool-linux/package.json"; then
    mkdir -p "$sarif_dir"
    npm install --prefix "$sarif_dir" --no-audit --no-fund --no-save \
        "@microsoft/sarif-multitool-linux@$sarif_version"
fi
# The package ships a self-contained .NET binary; make sure it is executable.
find "$sarif_dir/node_modules/@microsoft/sarif-multitool-linux" -maxdepth 1 -type f \
    -name 'Sarif.Multitool' -exec chmod +x {} + 2>/dev/null || true

echo "setup-tools: pre-commit $pre_commit_version in $tools/venv"
venv="$tools/venv"
if [ ! -x "$venv/bin/pre-commit" ] || ! "$venv/bin/pre-commit" --version | grep -q "$pre_commit_version"; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --disable-pip-version-check --quiet "pre-commit==$pre_commit_version"
fi

echo "setup-tools: done"
