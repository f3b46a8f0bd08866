#!/bin/sh
# Omega's supervisor: holds one Slurm allocation (an agent's, or a task's job's) and runs the
# commands the server asks for in it, one at a time. $1 is the host folder on the shared folder;
# $2 is "once" to end after the first run. The protocol, all through files in the host folder:
#   ready            written at start: the allocation is up and waiting (the agent is IDLE)
#   runs/N/          the server's Nth request, renamed into place whole: launch.sh (the command
#                    in its workspace and environment) and log (the file its output goes to)
#   runs/N/pgid      the command's process group (it runs in a session of its own)
#   runs/N/stop      the server asks to stop it, holding the grace in seconds: SIGTERM to the
#                    group, SIGKILL once the grace has passed, until no process of it is left
#   runs/N/exit      its exit code (128 + the signal's number when a signal ended it), written
#                    once nothing of a stopped group is left
# When the server deletes the host folder (a task's job recorded as ended), the supervisor ends.
# (dash's kill takes no "--": "-N" names the process group N.)
# (dash's kill takes no "--": "-N" names the process group N.)
host=$1
once=$2
ended=
trap 'ended=1' TERM INT HUP
printf '%s\n' "${SLURMD_NODENAME:-$(hostname)}" >"$host/ready.tmp" && mv -f "$host/ready.tmp" "$host/ready"
n=1
while [ -z "$ended" ] && [ -d "$host" ]; do
  run="$host/runs/$n"
  if [ ! -d "$run" ]; then
    sleep 0.1
    continue
  fi
  (
    setsid -w /bin/sh -c 'echo "$$" >"$1/pgid.tmp" && mv -f "$1/pgid.tmp" "$1/pgid" && exec /bin/sh "$1/launch.sh"' \
      omega-run "$run" >>"$(cat "$run/log")" 2>&1 </dev/null
    printf '%s\n' "$?" >"$run/code.tmp" && mv -f "$run/code.tmp" "$run/code"
  ) &
  stop_at=
  while [ ! -f "$run/code" ] && [ -d "$run" ]; do
    if [ -z "$stop_at" ] && [ -f "$run/pgid" ] && { [ -f "$run/stop" ] || [ -n "$ended" ]; }; then
      grace=$(cat "$run/stop" 2>/dev/null)
      kill -TERM "-$(cat "$run/pgid")" 2>/dev/null
      stop_at=$(($(date +%s) + ${grace:-0}))
    fi
    if [ -n "$stop_at" ] && [ "$(date +%s)" -ge "$stop_at" ]; then
      kill -KILL "-$(cat "$run/pgid")" 2>/dev/null
    fi
    sleep 0.1
  done
  if [ -n "$stop_at" ]; then
    group=$(cat "$run/pgid")
    while kill -0 "-$group" 2>/dev/null; do
      kill -KILL "-$group" 2>/dev/null
      sleep 0.1
    done
  fi
  mv -f "$run/code" "$run/exit" 2>/dev/null
  if [ "$once" = once ]; then
    exit 0
  fi
  n=$((n + 1))
done
