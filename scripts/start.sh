#!/usr/bin/env bash
# Kube Playground — install (if needed), build and serve:
#
#     bash scripts/start.sh            # then open the printed URL
#     PORT=8080 bash scripts/start.sh
#
# Works on a fresh clone (no node_modules yet): runs `npm ci` when node_modules is missing or
# stale versus package-lock.json, runs `vite build`, then serves dist/ with `vite preview` on
# http://127.0.0.1:$PORT (default 5173). Stop with Ctrl-C.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

PORT="${PORT:-5173}"
HOST=127.0.0.1
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

if [ -t 1 ]; then B=$'\e[1m' R=$'\e[31m' G=$'\e[32m' N=$'\e[0m'; else B='' R='' G='' N=''; fi
say() { printf '%s\n' "${B}==> $*${N}"; }
die() {
	printf '\n%s\n' "${R}${B}error:${N} $*" >&2
	exit 1
}

case "$PORT" in '' | *[!0-9]*) die "PORT must be a number (got '$PORT')." ;; esac

# --- Node ---------------------------------------------------------------------------------------
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 ||
	die "Node.js and npm are required (Node 20.19 or newer).
  Debian/Ubuntu: see https://github.com/nodesource/distributions or use nvm (https://github.com/nvm-sh/nvm)."
v="$(node -p 'process.versions.node')"
major="${v%%.*}" minor="${v#*.}" minor="${minor%%.*}"
if [ "$major" -lt 20 ] || { [ "$major" -eq 20 ] && [ "$minor" -lt 19 ]; }; then
	die "Node $v is too old: Vite 8 needs Node 20.19 or newer (found $(command -v node))."
fi

# --- Dependencies (same freshness rule as scripts/test.sh) ----------------------------------------
# Fresh when our stamp (sha256 of package-lock.json, written after a successful `npm ci`)
# matches; without a stamp, when npm's hidden lockfile is not older than package-lock.json.
[ -f package-lock.json ] || die "package-lock.json is missing; run this from a complete clone of the repository."
lock_hash() { sha256sum package-lock.json | cut -d' ' -f1; }
deps_fresh() {
	[ -d node_modules ] && [ -x node_modules/.bin/vite ] || return 1
	if [ -f node_modules/.kp-lock-sha256 ]; then
		[ "$(cat node_modules/.kp-lock-sha256)" = "$(lock_hash)" ]
	else
		[ -f node_modules/.package-lock.json ] && ! [ package-lock.json -nt node_modules/.package-lock.json ]
	fi
}
if deps_fresh; then
	say "Dependencies are up to date"
else
	say "Installing dependencies: npm ci"
	npm ci --no-audit --no-fund </dev/null ||
		die "npm ci failed (see the npm output above). Check the network connection, and that package.json
  and package-lock.json agree (if you changed package.json, run \`npm install\`)."
	lock_hash >node_modules/.kp-lock-sha256
fi

# --- Build ----------------------------------------------------------------------------------------
say "Building: vite build"
npx --no-install vite build || die "The build failed (see the output above)."

# --- Serve ----------------------------------------------------------------------------------------
URL="http://$HOST:$PORT/"
port_free() { node -e 'const s = require("net").createServer(); s.once("error", () => process.exit(1)); s.listen(+process.argv[1], process.argv[2], () => s.close(() => process.exit(0)))' "$PORT" "$HOST"; }
port_free || die "Port $PORT on $HOST is already in use by another program. Choose another one:
      PORT=5180 bash scripts/start.sh"
say "Starting: vite preview --host $HOST --port $PORT --strictPort"
# Run the binary directly (not via npx) so the PID we signal is the server itself.
node_modules/.bin/vite preview --host "$HOST" --port "$PORT" --strictPort </dev/null &
server=$!
stop() {
	kill "$server" 2>/dev/null || true
	wait "$server" 2>/dev/null || true
	exit 0
}
trap stop INT TERM HUP

# Wait until the server answers (no curl needed: Node 20 has fetch).
ready=0
for _ in $(seq 1 100); do
	kill -0 "$server" 2>/dev/null || break
	if node -e 'fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$URL" 2>/dev/null; then
		ready=1
		break
	fi
	sleep 0.2
done
if [ "$ready" != 1 ]; then
	kill "$server" 2>/dev/null || true
	wait "$server" 2>/dev/null || true
	die "The server did not start on $URL (see the output above).
  If the port is in use, choose another one:  PORT=5180 bash scripts/start.sh"
fi

echo
echo "  ${G}${B}Kube Playground is running at ${URL}${N}"
echo "  (open it in a browser; press Ctrl-C to stop)"
echo
set +e
wait "$server"
rc=$?
# `wait` returns >128 when interrupted by a trapped signal; stop() exits 0 in that case.
exit "$rc"
