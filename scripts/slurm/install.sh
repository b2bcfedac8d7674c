#!/usr/bin/env bash
# Installs what the Slurm test (test/cli/study-slurm.test.ts) needs: Debian's slurm-wlm (slurmctld,
# slurmd, sbatch) and munge (its authentication). Debian packages only; skipped when present.
# Usage: bash scripts/slurm/install.sh        (as root)
set -euo pipefail
missing=()
for p in slurm-wlm munge; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -eq 0 ]; then echo "slurm: slurm-wlm and munge already installed"; exit 0; fi
echo "apt: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
