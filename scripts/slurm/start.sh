#!/usr/bin/env bash
# Starts a one-node Slurm cluster on this machine for the tests: everything (configuration, munge
# key and socket, state, logs, pid files) lives in SCRATCH_DIR, the ports are free ones picked now,
# and nothing under /etc or /run is touched, so it can run beside any other cluster.
# Needs root (slurmd runs jobs as their user) and scripts/slurm/install.sh's packages.
#
# Usage: bash scripts/slurm/start.sh SCRATCH_DIR
# Then:  export SLURM_CONF=SCRATCH_DIR/slurm.conf   (sbatch, sinfo, ... read it)
# Stop:  bash scripts/slurm/stop.sh SCRATCH_DIR
set -euo pipefail
DIR=$(mkdir -p "${1:?usage: start.sh SCRATCH_DIR}" && cd "$1" && pwd)
[ "$(id -u)" -eq 0 ] || { echo "start.sh: needs root (slurmd runs jobs as their submitter)" >&2; exit 1; }
for tool in munged slurmctld slurmd sinfo; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || { echo "start.sh: $tool is missing: run scripts/slurm/install.sh" >&2; exit 1; }
done
export PATH="$PATH:/usr/sbin"

# munge checks its paths: the socket's folder must be open to all, the key's folder private.
chmod 755 "$DIR"
mkdir -p "$DIR/munge" "$DIR/munge-private" "$DIR/state" "$DIR/spool"
chmod 755 "$DIR/munge"; chmod 700 "$DIR/munge-private"
KEY="$DIR/munge-private/munge.key"
[ -f "$KEY" ] || { head -c 1024 /dev/urandom > "$KEY"; chmod 400 "$KEY"; }
SOCKET="$DIR/munge/munge.socket"
munged --socket="$SOCKET" --key-file="$KEY" --pid-file="$DIR/munged.pid" \
  --log-file="$DIR/munge-private/munged.log" --seed-file="$DIR/munge-private/munged.seed"

# Two free TCP ports for slurmctld and slurmd (the kernel picks them).
read -r CTLD_PORT SLURMD_PORT < <(node -e '
  const net = require("net");
  const free = () => new Promise((ok) => { const s = net.createServer().listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => ok(p)); }); });
  Promise.all([free(), free()]).then((p) => console.log(p.join(" ")));')

HOST=$(hostname)
cat > "$DIR/slurm.conf" <<CONF
ClusterName=nsc-test
SlurmctldHost=$HOST(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
SlurmUser=root
AuthType=auth/munge
AuthInfo=socket=$SOCKET
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$DIR/slurmctld.pid
SlurmdPidFile=$DIR/slurmd.pid
SlurmctldLogFile=$DIR/slurmctld.log
SlurmdLogFile=$DIR/slurmd.log
ReturnToService=2
MpiDefault=none
JobCompType=jobcomp/none
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$DIR/slurm.conf"
slurmctld
slurmd
for _ in $(seq 100); do
  sinfo -h -o %t 2>/dev/null | grep -q idle && { sinfo; exit 0; }
  sleep 0.2
done
echo "start.sh: the node did not become idle; see $DIR/slurmctld.log and $DIR/slurmd.log" >&2
exit 1
