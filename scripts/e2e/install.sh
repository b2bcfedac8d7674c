#!/usr/bin/env bash
# Installs the tools the end-to-end tests need, offline (npm registry + Debian apt only):
#   - Debian: chromium (driven headless by playwright-core), libkrb5-dev (code-server's kerberos addon
#     builds from source), ripgrep (replaces the GitHub download of @vscode/ripgrep)
#   - code-server 4.96.4 = VS Code 1.96.4's server + web workbench, into .cache/code-server/ (gitignored)
# Idempotent: each step is skipped when its result is already there. Re-run with E2E_REINSTALL=1 to redo.
# Usage: bash scripts/e2e/install.sh        (as root for apt; the rest needs no root)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VER="${CODE_SERVER_VERSION:-4.96.4}"        # embeds VS Code 1.96.4, which satisfies engines.vscode ^1.96.0
PREFIX="$ROOT/.cache/code-server"
CS="$PREFIX/node_modules/code-server"; VS="$CS/lib/vscode"

# --- Debian packages (only when missing) -------------------------------------------------------------
missing=()
for p in chromium libkrb5-dev ripgrep; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "apt: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- code-server (skipped when the finished marker for this version is present) ----------------------
MARK="$PREFIX/.installed-$VER"
if [ -f "$MARK" ] && [ -z "${E2E_REINSTALL:-}" ]; then
  echo "code-server $VER already in $PREFIX"; exit 0
fi
# node-gyp must not download Node's headers (nodejs.org is unreachable): use the installed ones.
NODE_PREFIX=$(node -p 'require("path").resolve(process.execPath, "../..")')
[ -d "$NODE_PREFIX/include/node" ] && export npm_config_nodedir="$NODE_PREFIX"
rm -rf "$PREFIX"; mkdir -p "$PREFIX"; cd "$PREFIX"
echo '{"name":"netscenario-e2e-host","private":true}' > package.json
# 1) code-server without its postinstall.sh: that script refuses root, and its nested install would fetch
#    a git dependency and a GitHub ripgrep binary. We do its steps by hand below.
npm install --no-audit --no-fund --ignore-scripts "code-server@$VER"
# argon2's prebuilt binary comes from GitHub; node-pre-gyp then builds it from source (offline).
npm rebuild argon2 --foreground-scripts >/dev/null
cd "$VS"
# 2) VS Code's shrinkwrap pins @vscode/proxy-agent to a GitHub commit; the same tarball (same sha512)
#    is on the npm registry, so point the lock at the registry's tarball instead.
node -e '
  const fs = require("fs"), { execSync } = require("child_process"), f = "npm-shrinkwrap.json";
  const j = JSON.parse(fs.readFileSync(f, "utf8"));
  for (const [k, v] of Object.entries(j.packages)) if (v.resolved && /^git\+|github\.com/.test(v.resolved)) {
    const name = k.replace(/^.*node_modules\//, "");
    v.resolved = execSync(`npm view ${name}@${v.version} dist.tarball`).toString().trim();
    console.log("re-pointed", name, "->", v.resolved);
  }
  fs.writeFileSync(f, JSON.stringify(j, null, 2));'
npm install --no-audit --no-fund --omit=dev --ignore-scripts
# 3) @vscode/ripgrep's postinstall downloads rg from GitHub; it skips that when bin/ exists: use Debian's rg.
mkdir -p node_modules/@vscode/ripgrep/bin && ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
# Native addons (spdlog, kerberos, native-watchdog, ...) build with node-gyp from the local headers.
npm rebuild --foreground-scripts >/dev/null
# 4) the remaining steps of code-server's postinstall.sh
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
(cd extensions && npm install --no-audit --no-fund --omit=dev)
# (no `code-server --version` here: it would write ~/.config/code-server and ~/.local/share/code-server)
node -p '"code-server " + require(process.argv[1]).version + " embeds VS Code " + require(process.argv[2]).version' \
  "$CS/package.json" "$VS/product.json"
touch "$MARK"
