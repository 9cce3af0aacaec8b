#!/usr/bin/env bash
# Build ecox's Neo4j Community test server (target/neo4j-test-server.jar + target/lib/*.jar).
#
#   bash tests/neo4j_server/build.sh          # build only if missing or older than its sources
#   bash tests/neo4j_server/build.sh --force  # rebuild
#
# Cached between runs: target/.built is written after a successful build and compared with
# pom.xml, src/ and this script. Maven runs offline first (-o, when ~/.m2 already holds every
# artifact) and falls back to online. Needs Java 17+ and Maven 3.8+. Several callers at once
# (e.g. two pytest sessions) are serialised with flock, so the second one finds a fresh build.
# Exit status: 0 built or up to date, 1 build failed, 2 tool missing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
target="$here/target"
stamp="$target/.built"
force=0
[[ "${1:-}" == "--force" ]] && force=1

die() { echo "neo4j test server build: $*" >&2; exit "${2:-1}"; }
# The Maven log ends up in target/build.log (mvn clean would delete it mid-build if it lived there).
keep_log() { if [[ -d "$target" ]]; then mv -f "$log" "$target/build.log"; log="$target/build.log"; fi; }

# Serialise concurrent builds: lock this script file itself (always there, never deleted).
if command -v flock >/dev/null 2>&1; then
    exec 9<"${BASH_SOURCE[0]}"
    flock 9
fi

up_to_date() {
    [[ -f "$stamp" && -f "$target/neo4j-test-server.jar" && -d "$target/lib" ]] || return 1
    [[ -n "$(find "$target/lib" -name 'neo4j-kernel-*.jar' -print -quit)" ]] || return 1
    [[ -z "$(find "$here/pom.xml" "$here/src" "${BASH_SOURCE[0]}" -newer "$stamp" -print -quit)" ]]
}

if [[ $force -eq 0 ]] && up_to_date; then
    echo "neo4j test server: up to date ($target)"
    exit 0
fi

command -v mvn >/dev/null 2>&1 || die "mvn (Maven 3.8+) not found on PATH" 2
command -v java >/dev/null 2>&1 || [[ -n "${JAVA_HOME:-}" ]] || die "java (JDK 17+) not found" 2

cd "$here"
rm -f "$stamp"
log="$(mktemp "${TMPDIR:-/tmp}/ecox-neo4j-build.XXXXXX")"
start=$(date +%s)
# `clean` so that target/lib never keeps jars of an older Neo4j version next to the new ones.
if mvn -o -q -B clean package >"$log" 2>&1; then
    mode=offline
else
    echo "neo4j test server: offline build failed, retrying online (first build downloads ~170 MB)" >&2
    if mvn -q -B clean package >"$log" 2>&1; then
        mode=online
    else
        tail -n 40 "$log" >&2 || true
        keep_log
        die "mvn package failed; full log in $log"
    fi
fi
keep_log
[[ -f "$target/neo4j-test-server.jar" ]] || die "mvn finished but target/neo4j-test-server.jar is missing"
touch "$stamp"
echo "neo4j test server: built ($mode) in $(( $(date +%s) - start )) s -> $target"
