#!/usr/bin/env bash
# Soak: run correct systems (Raft, Paxos) across runtimes and nemesis kinds at default length, many
# seeds, optionally while busy loops load the cores, and print the tally. A correct system must end
# VALID every time: any INVALID is a false alarm (or a real bug), any UNKNOWN a checker that could
# not decide, any harness failure a bug of ours. Every run's command is printed so it can be repeated.
#
#   harness/bench/soak.sh [--runs-per-cell K] [--systems raft,paxos] [--runtimes local,docker]
#                         [--nemeses "partition kill pause clock latency partition,kill,pause,clock"]
#                         [--time-limit S] [--load N] [--results-dir DIR] [--seed-base S] [--extra "FLAGS"]
#
# Cells are visited round-robin (every cell once, then every cell again...), so a soak stopped early
# still covers every combination. The tally is written to DIR/soak.tsv as it goes.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

runs_per_cell=2
systems="raft,paxos"
runtimes="local,docker"
nemeses="partition kill pause clock latency partition,kill,pause,clock"
time_limit=60
load=0
results_dir="$root/results/soak-$(date -u +%Y%m%dT%H%M%S)"
seed_base=""
extra=""

while [ $# -gt 0 ]; do
  case "$1" in
    --runs-per-cell) runs_per_cell="$2"; shift 2 ;;
    --systems) systems="$2"; shift 2 ;;
    --runtimes) runtimes="$2"; shift 2 ;;
    --nemeses) nemeses="$2"; shift 2 ;;
    --time-limit) time_limit="$2"; shift 2 ;;
    --load) load="$2"; shift 2 ;;
    --results-dir) results_dir="$2"; shift 2 ;;
    --seed-base) seed_base="$2"; shift 2 ;;
    --extra) extra="$2"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "soak.sh: unknown flag '$1' (see --help)" >&2; exit 3 ;;
  esac
done
case "$runs_per_cell$load$time_limit" in *[!0-9.]*) echo "soak.sh: --runs-per-cell, --load and --time-limit take numbers" >&2; exit 3 ;; esac

mkdir -p "$results_dir"
tsv="$results_dir/soak.tsv"
printf 'run\tsystem\truntime\tnemesis\tseed\texit\tverdict\tseconds\tcommand\n' > "$tsv"

loaders=()
cleanup() {
  for pid in "${loaders[@]}"; do kill "$pid" 2>/dev/null; done
}
trap cleanup EXIT
for _ in $(seq 1 "$load"); do
  sh -c 'while :; do :; done' &
  loaders+=("$!")
done
[ "$load" -gt 0 ] && echo "soak: $load busy loop(s) loading the cores (pids ${loaders[*]})"

"$root/faultline" --version >/dev/null || exit 3 # builds once, before the clock starts

verdict_of() {
  case "$1" in 0) echo VALID ;; 1) echo INVALID ;; 2) echo UNKNOWN ;; *) echo HARNESS-FAILED ;; esac
}

n=0
for round in $(seq 1 "$runs_per_cell"); do
  for runtime in ${runtimes//,/ }; do
    for system in ${systems//,/ }; do
      for nemesis in $nemeses; do
        n=$((n + 1))
        if [ -n "$seed_base" ]; then seed=$((seed_base + n)); else seed=$(( (RANDOM << 15 | RANDOM) )); fi
        cmd="./faultline test --system $system --runtime $runtime --nemesis $nemesis --time-limit $time_limit --seed $seed $extra"
        echo "soak: run $n (round $round): $cmd"
        start=$(date +%s)
        # shellcheck disable=SC2086
        "$root/faultline" test --system "$system" --runtime "$runtime" --nemesis "$nemesis" --time-limit "$time_limit" \
          --seed "$seed" --results-dir "$results_dir/runs" $extra > "$results_dir/run-$n.log" 2>&1
        code=$?
        secs=$(( $(date +%s) - start ))
        verdict=$(verdict_of "$code")
        echo "soak: run $n: $verdict in ${secs}s"
        [ "$verdict" = VALID ] || grep -E '^  [a-z-]+: (false|"unknown")' "$results_dir/run-$n.log" | cut -c1-300
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$system" "$runtime" "$nemesis" "$seed" "$code" "$verdict" \
          "$secs" "$cmd" >> "$tsv"
      done
    done
  done
done

echo
echo "soak: tally ($n runs, time limit ${time_limit}s, $load busy loop(s); runs in $results_dir/runs)"
printf "%-44s %6s %8s %8s %8s\n" "system runtime nemesis" VALID INVALID UNKNOWN FAILED
tail -n +2 "$tsv" | awk -F'\t' '{ print $2 " " $3 " " $4 "\t" $7 }' | sort | awk -F'\t' '
  function flush() { if (cell != "") printf "%-44s %6d %8d %8d %8d\n", cell, c["VALID"], c["INVALID"], c["UNKNOWN"], c["HARNESS-FAILED"] }
  $1 != cell { flush(); cell = $1; delete c }
  { c[$2]++; t[$2]++; all++ }
  END { flush(); printf "%-44s %6d %8d %8d %8d\n", "all " all " runs", t["VALID"], t["INVALID"], t["UNKNOWN"], t["HARNESS-FAILED"] }'
awk -F'\t' 'NR > 1 && $7 != "VALID" { print "soak: not valid: run " $1 " " $7 ": " $9 }' "$tsv"
awk -F'\t' 'NR > 1 && $7 != "VALID" { bad = 1 } END { exit bad }' "$tsv"
