#!/usr/bin/env bash
# Sets a fresh checkout up for work: what the dev container runs once it is created (devcontainer.json), and
# what .ci/run runs on every CI build, so that this script is tested on a clean clone even where no container
# image can be pulled. It checks Node, installs exactly what package-lock.json pins (npm ci), and checks that
# the runner starts. In the container only (MEMKATA_DEVCONTAINER=1), it also installs the tools the live lab
# compares with (procps's free, smem) when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# engines in package.json: ^20.19.0 || >=22.12.0 (what vite and rolldown support)
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit((a===20&&b>=19)||(a===22&&b>=12)||a>22?0:1)'; then
  echo "memkata needs Node 20.19+ or 22.12+; this machine has $(node --version)." >&2
  exit 1
fi

if [ "${MEMKATA_DEVCONTAINER:-}" = "1" ]; then
  missing=()
  command -v free >/dev/null || missing+=(procps)
  command -v smem >/dev/null || missing+=(smem)
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "Installing the tools the live lab compares with: ${missing[*]}"
    sudo apt-get update -qq && sudo apt-get install -y -qq "${missing[@]}" >/dev/null ||
      echo "Could not install ${missing[*]}: npm run lab says which comparisons it skips." >&2
  fi
fi

npm ci --no-audit --no-fund --loglevel=error

# The runner starts and reads the manifest (no spec run: that is the learner's first command).
node scripts/kata.mjs --help >/dev/null
echo "Ready. Start with: npm run kata"
