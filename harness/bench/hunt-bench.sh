#!/usr/bin/env bash
# Hunt benchmark: how long the default hunt takes to catch each planted bug (--bug), from fresh
# random seeds, and what the same hunts say of the clean systems (any finding there is a false
# alarm). Prints, per bug, caught/attempts with the median and worst time to catch (a miss counts
# as the whole budget, shown as ">B"), and the clean tallies; writes DIR/hunt-bench.tsv as it goes.
#
#   harness/bench/hunt-bench.sh [--attempts K] [--budget S] [--bugs "raft:skip-fsync paxos:stale-leader-reads ..."]
#                               [--clean N] [--load N] [--results-dir DIR] [--extra "FLAGS"]
#
# Defaults: 10 attempts per bug, a 300 s budget, every bug the bundled nodes have, 10 clean hunts
# of Raft and of Paxos. Each hunt's command is printed so it can be repeated.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

attempts=10
budget=300
bugs="raft:skip-fsync raft:commit-old-term raft:double-vote raft:stale-leader-reads paxos:paxos-skip-fsync paxos:accept-without-promise-check paxos:stale-leader-reads"
clean=10
load=0
results_dir="$root/results/hunt-bench-$(date -u +%Y%m%dT%H%M%S)"
extra=""

while [ $# -gt 0 ]; do
  case "$1" in
    --attempts) attempts="$2"; shift 2 ;;
    --budget) budget="$2"; shift 2 ;;
    --bugs) bugs="$2"; shift 2 ;;
    --clean) clean="$2"; shift 2 ;;
    --load) load="$2"; shift 2 ;;
    --results-dir) results_dir="$2"; shift 2 ;;
    --extra) extra="$2"; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "hunt-bench.sh: unknown flag '$1' (see --help)" >&2; exit 3 ;;
  esac
done
case "$attempts$budget$clean$load" in *[!0-9]*) echo "hunt-bench.sh: --attempts, --budget, --clean and --load take whole numbers" >&2; exit 3 ;; esac

mkdir -p "$results_dir"
tsv="$results_dir/hunt-bench.tsv"
printf 'kind\tsystem\tbug\tattempt\texit\tseconds_to_verdict\tvalid_attempts\tunknown_attempts\thunt_command\n' > "$tsv"

loaders=()
cleanup() { for pid in "${loaders[@]}"; do kill "$pid" 2>/dev/null; done; }
trap cleanup EXIT
for _ in $(seq 1 "$load"); do sh -c 'while :; do :; done' & loaders+=("$!"); done

"$root/faultline" --version >/dev/null || exit 3 # builds once, before any clock starts

# One hunt; prints "exit seconds valid unknown repeat-command" on one line.
hunt() {
  local system="$1" bug="$2" out
  local flags=(hunt --system "$system" --time-budget "$budget" --results-dir "$results_dir/runs")
  [ -n "$bug" ] && flags+=(--bug "$bug")
  # shellcheck disable=SC2206
  [ -n "$extra" ] && flags+=($extra)
  out="$("$root/faultline" "${flags[@]}" 2>/dev/null)"
  local code=$?
  local seconds valid unknown command
  seconds="$(printf '%s\n' "$out" | sed -n 's/.*is INVALID after \([0-9]*\) s of hunting.*/\1/p; s/^hunt: nothing found in \([0-9]*\) s.*/\1/p' | head -1)"
  valid="$(printf '%s\n' "$out" | sed -n 's/.*[:(] *\([0-9]*\) valid and \([0-9]*\) unknown attempt.*/\1/p' | head -1)"
  unknown="$(printf '%s\n' "$out" | sed -n 's/.* valid and \([0-9]*\) unknown attempt.*/\1/p' | head -1)"
  command="$(printf '%s\n' "$out" | sed -n 's/^repeat the hunt with: //p' | head -1)"
  echo "$code ${seconds:-?} ${valid:-?} ${unknown:-?} $command"
}

summary=()
for entry in $bugs; do
  system="${entry%%:*}"; bug="${entry#*:}"
  times=(); caught=0
  for i in $(seq 1 "$attempts"); do
    read -r code seconds valid unknown command < <(hunt "$system" "$bug")
    printf 'bug\t%s\t%s\t%d\t%s\t%s\t%s\t%s\t%s\n' "$system" "$bug" "$i" "$code" "$seconds" "$valid" "$unknown" "$command" >> "$tsv"
    echo "hunt-bench: $system --bug $bug attempt $i: exit $code after ${seconds} s ($command)"
    if [ "$code" = 1 ]; then caught=$((caught + 1)); times+=("$seconds"); else times+=("$budget+"); fi
  done
  sorted="$(printf '%s\n' "${times[@]}" | sed 's/+$/.5/' | sort -n)"
  median="$(printf '%s\n' "$sorted" | awk '{a[NR]=$1} END {m=a[int((NR+1)/2)]; print (m ~ /\.5$/ ? ">" int(m) : m)}')"
  worst="$(printf '%s\n' "$sorted" | tail -1 | awk '{print ($1 ~ /\.5$/ ? ">" int($1) : $1)}')"
  summary+=("$(printf '%-10s %-32s caught %2d of %2d   median %6s s   worst %6s s' "$system" "$bug" "$caught" "$attempts" "$median" "$worst")")
done

for system in raft paxos; do
  [ "$clean" -gt 0 ] || break
  false_alarms=0; unknowns=0; valid_total=0
  for i in $(seq 1 "$clean"); do
    read -r code seconds valid unknown command < <(hunt "$system" "")
    printf 'clean\t%s\t-\t%d\t%s\t%s\t%s\t%s\t%s\n' "$system" "$i" "$code" "$seconds" "$valid" "$unknown" "$command" >> "$tsv"
    echo "hunt-bench: clean $system hunt $i: exit $code, $valid valid, $unknown unknown attempts ($command)"
    [ "$code" = 1 ] && false_alarms=$((false_alarms + 1))
    [ "$unknown" != "?" ] && unknowns=$((unknowns + unknown))
    [ "$valid" != "?" ] && valid_total=$((valid_total + valid))
  done
  summary+=("$(printf '%-10s %-32s %d hunts: %d valid attempts, %d unknown, %d hunts with a finding (false alarms)' "$system" "(clean)" "$clean" "$valid_total" "$unknowns" "$false_alarms")")
done

echo
echo "hunt-bench: budget $budget s, load $load busy loop(s), results $results_dir"
printf '%s\n' "${summary[@]}"
