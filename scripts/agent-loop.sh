#!/usr/bin/env bash
# Runs an autonomous agent on tscc forever: each iteration starts the command
# in $AGENT_CMD with AGENT_PROMPT.md on its standard input, in this repository,
# and keeps its output in agent_logs/ (git-ignored), one log per iteration
# named after the commit it started from.
#
#   AGENT_CMD="my-agent --non-interactive" TSCC_AGENT_ID=agent-3 scripts/agent-loop.sh
set -u
cd "$(dirname "$0")/.."
: "${AGENT_CMD:?set AGENT_CMD to the command that runs one agent session}"
export TSCC_AGENT_ID="${TSCC_AGENT_ID:-$(hostname)-$$}"
mkdir -p agent_logs
while true; do
  git pull --rebase --quiet || true
  commit=$(git rev-parse --short HEAD)
  log="agent_logs/$(date -u +%Y%m%dT%H%M%S)-${commit}.log"
  echo "agent-loop: session at ${commit}, log ${log}"
  bash -c "$AGENT_CMD" < AGENT_PROMPT.md > "$log" 2>&1
  echo "agent-loop: session ended with status $? "
  sleep 5
done
