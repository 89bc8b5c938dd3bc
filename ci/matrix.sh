#!/usr/bin/env bash
# The nightly chaos matrix, locally, with one command: every system under every nemesis.
#
#   ci/matrix.sh                       # raft, paxos, naive x partition, kill, pause, clock, partition+kill
#   TIME_LIMIT=30 SYSTEMS="raft" ci/matrix.sh
#
# raft and paxos are expected VALID; naive is expected INVALID (Faultline must catch it). Each run
# writes its report under results/ and JUnit XML under results/junit/. Exit status 0 only if every
# run ended as expected; a summary table is printed either way. Seeds are fixed per cell (SEED + cell
# number) so a failing cell can be repeated with the command the report shows.
set -uo pipefail
cd "$(dirname "$0")/.."

SYSTEMS="${SYSTEMS:-raft paxos naive}"
NEMESES="${NEMESES:-partition kill pause clock partition,kill}"
NODES="${NODES:-5}"
TIME_LIMIT="${TIME_LIMIT:-60}"
WORKLOAD="${WORKLOAD:-cas-register}"
SEED="${SEED:-1000}"
RESULTS="${RESULTS:-results}"

mkdir -p "$RESULTS/junit"
summary=()
unexpected=0
cell=0
for system in $SYSTEMS; do
  for nemesis in $NEMESES; do
    cell=$((cell + 1))
    expected=0; [ "$system" = naive ] && expected=1
    name="$system-$WORKLOAD-${nemesis//,/+}"
    ./faultline test --system "$system" --nodes "$NODES" --workload "$WORKLOAD" --nemesis "$nemesis" \
      --time-limit "$TIME_LIMIT" --seed $((SEED + cell)) --results-dir "$RESULTS" \
      --junit-xml "$RESULTS/junit/TEST-$name.xml"
    code=$?
    case $code in 0) got=VALID ;; 1) got=INVALID ;; 2) got=UNKNOWN ;; *) got="HARNESS-ERROR($code)" ;; esac
    if [ "$code" -eq "$expected" ]; then verdict=ok; else verdict=UNEXPECTED; unexpected=$((unexpected + 1)); fi
    summary+=("$(printf '%-8s %-16s %-20s %s' "$system" "$nemesis" "$got" "$verdict")")
  done
done

echo
printf '%-8s %-16s %-20s %s\n' system nemesis verdict expected?
printf '%s\n' "${summary[@]}"
echo "reports: $RESULTS/index.html   junit: $RESULTS/junit/"
[ "$unexpected" -eq 0 ]
