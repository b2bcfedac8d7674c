#!/usr/bin/env bash
# End-to-end tests in a real VS Code: a throw-away code-server (VS Code 1.96.4) on 127.0.0.1 and
# headless Chromium. Runs (1) the extension-test suite test/e2e/suite/ inside the real extension host
# and (2) the UI test test/e2e/ui.mjs (status bar, code lens, results panel, screenshots).
# Builds nothing: run `npm run build` first (and `bash scripts/e2e/install.sh` once).
# Env: VSIX=path    install that packaged extension instead of loading the dev folder
#      E2E_ONLY=suite|ui   run one part only
#      SHOTS=dir    where the UI test writes its screenshots (default: the scratch dir; docs/ to refresh them)
#      E2E_KEEP=1   keep the scratch dir (logs, workspaces) even when everything passed
# Exit status: 0 all passed, 1 a test failed, 2 something is missing.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CS="$ROOT/.cache/code-server/node_modules/.bin/code-server"
[ -x "$CS" ] || { echo "e2e: code-server missing: run bash scripts/e2e/install.sh" >&2; exit 2; }
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || { echo "e2e: Chromium missing: apt-get install chromium (or bash scripts/e2e/install.sh)" >&2; exit 2; }
[ -f "$ROOT/dist/extension.cjs" ] && [ -f "$ROOT/dist/server.mjs" ] || { echo "e2e: no bundles in dist/: run npm run build" >&2; exit 2; }
if [ -n "${VSIX:-}" ]; then VSIX=$(realpath "$VSIX") && [ -f "$VSIX" ] || { echo "e2e: VSIX not found" >&2; exit 2; }; fi

now() { date +%s%N; }
secs() { echo "$(( ($(now) - $1) / 1000000 ))" | awk '{ printf "%.1f", $1 / 1000 }'; }
t0=$(now)

# Scratch dir: code-server's HOME/config/data/logs, the user data and extensions dirs, the workspaces.
RUN=$(mktemp -d "${TMPDIR:-/tmp}/nsc-e2e-XXXXXX")
mkdir -p "$RUN/home" "$RUN/user-data/User" "$RUN/extensions" "$RUN/tmp"
export HOME="$RUN/home" XDG_CONFIG_HOME="$RUN/home/.config" XDG_DATA_HOME="$RUN/home/.local/share" \
  XDG_CACHE_HOME="$RUN/home/.cache" E2E_TMP="$RUN/tmp"
cat > "$RUN/user-data/User/settings.json" <<'JSON'
{ "workbench.startupEditor": "none", "telemetry.telemetryLevel": "off", "update.mode": "none",
  "extensions.autoCheckUpdates": false, "extensions.autoUpdate": false, "extensions.ignoreRecommendations": true,
  "security.workspace.trust.enabled": false, "workbench.tips.enabled": false, "workbench.enableExperiments": false,
  "workbench.editor.enablePreview": false, "editor.minimap.enabled": false, "chat.commandCenter.enabled": false }
JSON
# A free loopback port, then a config file so code-server never writes ~/.config/code-server.
PORT=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
printf 'bind-addr: 127.0.0.1:%s\nauth: none\ncert: false\n' "$PORT" > "$RUN/config.yaml"
ARGS=(--config "$RUN/config.yaml" --user-data-dir "$RUN/user-data" --extensions-dir "$RUN/extensions")
BASE="http://127.0.0.1:$PORT"
# No marketplace: neither the workbench nor --install-extension then asks open-vsx.org for anything.
export EXTENSIONS_GALLERY='{}'

CSPID=
stop() {
  # code-server runs in its own process group (setsid): the server, its extension hosts and our
  # language server and solve workers all go with it. TERM first, KILL whatever is left after 5 s.
  if [ -n "$CSPID" ]; then
    kill -TERM -- "-$CSPID" 2>/dev/null
    for _ in $(seq 50); do kill -0 -- "-$CSPID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$CSPID" 2>/dev/null; wait "$CSPID" 2>/dev/null
  fi
  if [ "${rc:-1}" = 0 ] && [ -z "${E2E_KEEP:-}" ]; then rm -rf "$RUN"; else echo "e2e: logs and workspaces kept in $RUN"; fi
}
trap stop EXIT
trap 'exit 1' INT TERM HUP

if [ -n "${VSIX:-}" ]; then   # the packaged extension, installed like a user would
  "$CS" "${ARGS[@]}" --install-extension "$VSIX" >"$RUN/install-extension.log" 2>&1 \
    || { cat "$RUN/install-extension.log"; echo "e2e: installing $VSIX failed"; rc=1; exit 1; }
  DEV="$ROOT/test/e2e/suite"  # an empty extension: tests run only in development mode
  export NSC_E2E_VSIX="$VSIX" # the suite then checks the installed copy is the one that runs
else
  DEV="$ROOT"
fi

setsid "$CS" "${ARGS[@]}" --bind-addr "127.0.0.1:$PORT" --auth none --disable-telemetry --disable-update-check \
  --disable-workspace-trust --disable-getting-started-override >"$RUN/code-server.log" 2>&1 &
CSPID=$!
for _ in $(seq 300); do curl -sf -o /dev/null "$BASE/healthz" && break; sleep 0.1; done
curl -sf -o /dev/null "$BASE/healthz" || { cat "$RUN/code-server.log"; echo "e2e: code-server did not start"; rc=1; exit 1; }
echo "e2e: code-server up on $BASE after $(secs "$t0") s${VSIX:+ with $VSIX installed}"

rc=0
if [ "${E2E_ONLY:-suite}" != ui ]; then
  # (1) the suite in the extension host, on its own copy of the examples (it edits and saves files)
  cp -r "$ROOT/examples" "$RUN/ws-suite" && chmod -R u+w "$RUN/ws-suite"
  t1=$(now)
  node "$ROOT/test/e2e/host.mjs" "$BASE" "$DEV" "$ROOT/test/e2e/suite/index.cjs" "$RUN/ws-suite" >"$RUN/suite.log" 2>&1 || rc=1
  grep -E '^\[e2e|exit code' "$RUN/suite.log"   # the whole workbench log stays in suite.log
  echo "e2e: extension-host suite $([ $rc = 0 ] && echo passed || echo FAILED) in $(secs "$t1") s"
fi
if [ "${E2E_ONLY:-ui}" != suite ]; then
  # (2) the UI test, on a fresh copy (edge-site.nsc references Metro.agg1 in metro-placement.nsc)
  cp -r "$ROOT/examples" "$RUN/ws-ui" && chmod -R u+w "$RUN/ws-ui"
  t1=$(now)
  ui=0
  if [ -n "${VSIX:-}" ]; then devArg=(); else devArg=(--dev "$ROOT"); fi
  node "$ROOT/test/e2e/ui.mjs" "$BASE" "$RUN/ws-ui" --shots "${SHOTS:-$RUN/shots}" "${devArg[@]}" || ui=1
  [ $ui = 0 ] || rc=1
  echo "e2e: UI test $([ $ui = 0 ] && echo passed || echo FAILED) in $(secs "$t1") s"
fi
echo "e2e: total $(secs "$t0") s"
exit $rc
