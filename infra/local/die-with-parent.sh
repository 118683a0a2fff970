#!/bin/sh
# Runs `java "$@"` (DynamoDB Local) and ends it when the Node process that started this script goes
# away, however that happens (SIGKILL included): Node holds our stdin open, and the kernel closes it
# when Node exits, so `cat` returns and the JVM is stopped. Linux has no portable "die with parent"
# for a child Node spawns; this works wherever there is a POSIX sh.
exec 3<&0
java "$@" 3<&- </dev/null &
java_pid=$!
trap 'kill -TERM "$java_pid" 2>/dev/null' TERM INT HUP
{ cat <&3 >/dev/null; kill -TERM "$java_pid" 2>/dev/null; } &
watcher=$!
exec 3<&-
status=0
while kill -0 "$java_pid" 2>/dev/null; do
  wait "$java_pid"
  status=$?
done
kill "$watcher" 2>/dev/null
exit "$status"
