#!/usr/bin/env bash
# Stops the cluster scripts/slurm/start.sh started in SCRATCH_DIR, by the PIDs in its pid files.
# Usage: bash scripts/slurm/stop.sh SCRATCH_DIR
set -uo pipefail
DIR=${1:?usage: stop.sh SCRATCH_DIR}
for daemon in slurmd slurmctld munged; do
  pidfile="$DIR/$daemon.pid"
  [ -f "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  kill "$pid" 2>/dev/null || continue
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
done
exit 0
