#!/usr/bin/env bash
# Kube Playground — run every check, exactly as CI does:
#
#     bash scripts/test.sh
#
# Works on a fresh clone (no node_modules yet). Steps:
#   0. check Node/npm; `npm ci` when node_modules is missing or stale versus package-lock.json
#   1. find a Chromium for the end-to-end tests (installs Debian's `chromium` with apt when run as root)
#   2. tsc --noEmit  ->  vitest run  ->  vite build  ->  playwright test
# Every step runs even if an earlier one fails; the exit status is non-zero if any failed.
# The last line of output is always `N passed, N failed` (test cases from Vitest + Playwright;
# a failed step that produced no failing test case, e.g. tsc or the build, adds 1 to "failed").
#
# Environment:
#   CHROMIUM_PATH      browser executable to use (default: /usr/bin/chromium, installed if missing)
#   E2E_PORT           port for the e2e preview server (default 47613, see playwright.config.ts)
#   KP_TEST_BUDGET     total time budget in seconds (default 780 = 13 min); steps are cut short past it
# Testing hooks for this script itself (not for normal use):
#   KP_FORCE_NO_APT=1       behave as if not root / no apt-get (exercises the "please install Chromium" path)
#   KP_SYSTEM_CHROMIUM=PATH where to look for the system Chromium (default /usr/bin/chromium)
#   e.g.  KP_FORCE_NO_APT=1 KP_SYSTEM_CHROMIUM=/nonexistent bash scripts/test.sh
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"

ARTIFACTS="$ROOT/e2e-artifacts"
VITEST_JSON="$ARTIFACTS/vitest-report.json"
PLAYWRIGHT_JSON="$ARTIFACTS/playwright-report.json" # must match playwright.config.ts
SYSTEM_CHROMIUM="${KP_SYSTEM_CHROMIUM:-/usr/bin/chromium}"
BUDGET="${KP_TEST_BUDGET:-780}"
DEADLINE=$(($(date +%s) + BUDGET))
export CI="${CI:-}"
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

if [ -t 1 ]; then B=$'\e[1m' R=$'\e[31m' G=$'\e[32m' Y=$'\e[33m' N=$'\e[0m'; else B='' R='' G='' Y='' N=''; fi
say() { printf '%s\n' "${B}==> $*${N}"; }
warn() { printf '%s\n' "${Y}warning:${N} $*" >&2; }
# Friendly fatal error: message, the summary line, exit 1. No stack traces.
die() {
	printf '\n%s\n' "${R}${B}error:${N} $*" >&2
	echo
	echo "0 passed, 1 failed"
	exit 1
}

# ---------------------------------------------------------------------------------------------
# 0. Node, npm and dependencies
# ---------------------------------------------------------------------------------------------
check_node() {
	command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 ||
		die "Node.js and npm are required (Node 20.19 or newer).
  Debian/Ubuntu: see https://github.com/nodesource/distributions or use nvm (https://github.com/nvm-sh/nvm)."
	local v major minor
	v="$(node -p 'process.versions.node')"
	major="${v%%.*}"
	minor="${v#*.}"
	minor="${minor%%.*}"
	if [ "$major" -lt 20 ] || { [ "$major" -eq 20 ] && [ "$minor" -lt 19 ]; }; then
		die "Node $v is too old: Vite 8 needs Node 20.19 or newer (found $(command -v node))."
	fi
}

# node_modules is fresh when our stamp (sha256 of package-lock.json, written after a successful
# `npm ci`) matches; without a stamp, fall back to npm's own hint: the hidden lockfile
# node_modules/.package-lock.json must not be older than package-lock.json.
lock_hash() { sha256sum package-lock.json | cut -d' ' -f1; }
deps_fresh() {
	[ -d node_modules ] && [ -x node_modules/.bin/vite ] && [ -x node_modules/.bin/playwright ] || return 1
	if [ -f node_modules/.kp-lock-sha256 ]; then
		[ "$(cat node_modules/.kp-lock-sha256)" = "$(lock_hash)" ]
	else
		[ -f node_modules/.package-lock.json ] && ! [ package-lock.json -nt node_modules/.package-lock.json ]
	fi
}
ensure_deps() {
	[ -f package-lock.json ] || die "package-lock.json is missing; run this from a complete clone of the repository."
	if deps_fresh; then
		say "Dependencies are up to date (node_modules matches package-lock.json)"
		return 0
	fi
	if [ -d node_modules ]; then say "node_modules is stale versus package-lock.json: running npm ci"; else say "Installing dependencies: npm ci"; fi
	npm ci --no-audit --no-fund </dev/null ||
		die "npm ci failed (see the npm output above). Check the network connection, and that package.json
  and package-lock.json agree (if you changed package.json, run \`npm install\` and commit the lock file)."
	lock_hash >node_modules/.kp-lock-sha256
}

# ---------------------------------------------------------------------------------------------
# 1. A Chromium for Playwright (never downloaded by Playwright: we use Debian's package)
# ---------------------------------------------------------------------------------------------
can_apt() {
	[ "${KP_FORCE_NO_APT:-}" = 1 ] && return 1
	[ "$(id -u)" -eq 0 ] && { [ -f /etc/debian_version ] || command -v apt-get >/dev/null 2>&1; } && command -v apt-get >/dev/null 2>&1
}
apt_install() {
	say "Installing with apt: $*"
	local opts=(-o DPkg::Lock::Timeout=120 -o Acquire::Retries=3)
	apt-get "${opts[@]}" update </dev/null &&
		DEBIAN_FRONTEND=noninteractive apt-get "${opts[@]}" install -y --no-install-recommends "$@" </dev/null
}
no_browser_help() {
	die "No Chromium browser found for the end-to-end tests.
  Install it (Debian/Ubuntu, as root):
      apt-get update && apt-get install -y --no-install-recommends chromium fonts-liberation fonts-noto-cjk
  (run this script as root and it does that for you), or point to an existing Chromium/Chrome:
      CHROMIUM_PATH=/path/to/chromium bash scripts/test.sh"
}
cjk_font_present() {
	dpkg -s fonts-noto-cjk >/dev/null 2>&1 && return 0
	command -v fc-list >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi 'Noto Sans CJK'
}
ensure_browser() {
	local browser=""
	if [ -n "${CHROMIUM_PATH:-}" ]; then
		if [ -x "$CHROMIUM_PATH" ] && [ -f "$CHROMIUM_PATH" ]; then
			browser="$CHROMIUM_PATH"
		else
			warn "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file; ignoring it."
		fi
	fi
	if [ -z "$browser" ] && [ -x "$SYSTEM_CHROMIUM" ]; then browser="$SYSTEM_CHROMIUM"; fi
	if [ -z "$browser" ]; then
		if can_apt; then
			apt_install chromium fonts-liberation fonts-noto-cjk ||
				die "apt-get could not install chromium (see the output above). Check the network / apt sources,
  or install Chromium yourself and set CHROMIUM_PATH=/path/to/chromium."
			[ -x "$SYSTEM_CHROMIUM" ] || die "apt installed chromium but $SYSTEM_CHROMIUM does not exist.
  Set CHROMIUM_PATH=/path/to/chromium and run again."
			browser="$SYSTEM_CHROMIUM"
		else
			no_browser_help
		fi
	fi
	# Chinese text renders as empty boxes without a CJK font.
	if ! cjk_font_present; then
		if can_apt && [ -f /etc/debian_version ]; then
			apt_install fonts-noto-cjk fonts-liberation || warn "could not install fonts-noto-cjk; CJK text may render as boxes."
		else
			warn "the Noto CJK font is missing (Debian/Ubuntu: apt-get install fonts-noto-cjk); CJK text may render as boxes."
		fi
	fi
	local version
	# /usr/bin/chromium is a shell wrapper that may print a harmless "[: unexpected operator".
	version="$(timeout 30 "$browser" --headless --no-sandbox --version 2>/dev/null | tail -n 1)" ||
		die "The browser at $browser does not start (\`$browser --version\` failed).
  Reinstall it, or set CHROMIUM_PATH to a working Chromium/Chrome."
	export CHROMIUM_PATH="$browser"
	say "Browser: $CHROMIUM_PATH ($version)"
}

# ---------------------------------------------------------------------------------------------
# 2. The steps. Each runs under a time cap bounded by the overall budget.
# ---------------------------------------------------------------------------------------------
STEP_NAMES=() STEP_STATUS=() STEP_SECS=()
run_step() { # name cap_seconds command...
	local name="$1" cap="$2" left rc start
	shift 2
	left=$((DEADLINE - $(date +%s)))
	[ "$cap" -gt "$left" ] && cap="$left"
	echo
	say "$name: $*"
	start=$(date +%s)
	if [ "$cap" -lt 10 ]; then
		echo "${R}skipped: the time budget (KP_TEST_BUDGET=${BUDGET}s) is used up${N}"
		rc=124
	else
		set +e
		timeout --signal=INT --kill-after=20 "$cap" "$@" </dev/null # INT: lets Playwright stop its web server
		rc=$?
		set -e
		[ "$rc" -eq 124 ] && echo "${R}$name timed out after ${cap}s${N}"
	fi
	STEP_NAMES+=("$name")
	STEP_STATUS+=("$rc")
	STEP_SECS+=($(($(date +%s) - start)))
	return 0
}

check_node
ensure_deps
ensure_browser
mkdir -p "$ARTIFACTS"
rm -f "$VITEST_JSON" "$PLAYWRIGHT_JSON"

# `npx --no-install` never fetches a package from the registry if a local one is missing.
run_step typecheck 180 npx --no-install tsc --noEmit
run_step unit 300 npx --no-install vitest run --reporter=default --reporter=json --outputFile.json="$VITEST_JSON"
run_step build 180 npx --no-install vite build
E2E_PORT="${E2E_PORT:-47613}" # default must match playwright.config.ts
port_free() { node -e 'const s = require("net").createServer(); s.once("error", () => process.exit(1)); s.listen(+process.argv[1], "127.0.0.1", () => s.close(() => process.exit(0)))' "$1"; }
if [ "${STEP_STATUS[2]}" -ne 0 ]; then
	echo
	say "e2e: not run because the build did not succeed"
	STEP_NAMES+=(e2e) STEP_STATUS+=(200) STEP_SECS+=(0)
elif ! port_free "$E2E_PORT"; then
	echo
	say "e2e: not run: port $E2E_PORT on 127.0.0.1 is already in use by another program"
	echo "  Choose a free port, e.g.:  E2E_PORT=47699 bash scripts/test.sh"
	STEP_NAMES+=(e2e) STEP_STATUS+=(201) STEP_SECS+=(0)
else
	export E2E_PORT
	run_step e2e 480 npx --no-install playwright test
fi

# ---------------------------------------------------------------------------------------------
# Summary
# ---------------------------------------------------------------------------------------------
# Count test cases from the JSON reports. A step that failed without reporting a failing test
# case (tsc, build, crash, timeout, "no tests found", web server did not start) counts as 1 failure.
counts() { # kind file -> "passed failed skipped flaky" (empty if no report)
	[ -s "$2" ] || return 0
	node -e '
		const [kind, file] = process.argv.slice(1);
		try {
			const r = JSON.parse(require("fs").readFileSync(file, "utf8"));
			if (kind === "vitest") {
				console.log([r.numPassedTests, r.numFailedTests, (r.numPendingTests || 0) + (r.numTodoTests || 0), 0].map(n => n | 0).join(" "));
			} else {
				const s = r.stats || {};
				// "flaky" = failed first, passed on retry (CI only): counted as passed, reported separately.
				console.log([(s.expected | 0) + (s.flaky | 0), (s.unexpected | 0) + ((r.errors || []).length ? 1 : 0), s.skipped | 0, s.flaky | 0].join(" "));
			}
		} catch { /* unreadable report: treated as no report */ }
	' "$1" "$2" 2>/dev/null || true
}

PASSED=0 FAILED=0 SKIPPED=0 ANY_FAILED=0
echo
say "Summary"
for i in "${!STEP_NAMES[@]}"; do
	name="${STEP_NAMES[$i]}" rc="${STEP_STATUS[$i]}" secs="${STEP_SECS[$i]}"
	detail=""
	p=0 f=0 s=0 fl=0
	case "$name" in
	unit) read -r p f s fl <<<"$(counts vitest "$VITEST_JSON")" || true ;;
	e2e) read -r p f s fl <<<"$(counts playwright "$PLAYWRIGHT_JSON")" || true ;;
	esac
	p=${p:-0} f=${f:-0} s=${s:-0} fl=${fl:-0}
	case "$name:$rc" in unit:* | e2e:*) [ "$rc" -lt 124 ] && detail=" — $p passed, $f failed" ;; esac
	[ "$s" != 0 ] && detail="$detail, $s skipped"
	[ "$fl" != 0 ] && detail="$detail ($fl flaky: passed on retry)"
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	# A step that "succeeds" while reporting failures still fails.
	if [ "$rc" -eq 0 ] && [ "$f" -gt 0 ]; then rc=1; fi
	PASSED=$((PASSED + p)) FAILED=$((FAILED + f)) SKIPPED=$((SKIPPED + s))
	if [ "$rc" -eq 0 ]; then
		printf '  %s%-9s ok%s     %4ss%s\n' "$G" "$name" "$N" "$secs" "$detail"
	else
		ANY_FAILED=1
		why="exit $rc"
		[ "$rc" -eq 124 ] && why="timed out / out of time budget"
		[ "$rc" -eq 200 ] && why="not run: the build did not succeed"
		[ "$rc" -eq 201 ] && why="not run: port $E2E_PORT is in use; set E2E_PORT"
		printf '  %s%-9s FAILED%s %4ss%s (%s)\n' "$R" "$name" "$N" "$secs" "$detail" "$why"
	fi
done
[ "$SKIPPED" -gt 0 ] && echo "  ($SKIPPED test(s) skipped)"
[ -s "$PLAYWRIGHT_JSON" ] && echo "  e2e screenshots and reports: e2e-artifacts/"
echo
echo "$PASSED passed, $FAILED failed"
if [ "$ANY_FAILED" -eq 0 ] && [ "$FAILED" -eq 0 ]; then exit 0; else exit 1; fi
