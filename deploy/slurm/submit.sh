#!/usr/bin/env bash
# Submits a `mirrorbox replicate` matrix to Slurm as a job array of N shards, and its report as a job that runs once
# every task has ended (afterany: a report of a partly finished matrix still lists what is missing).
#
#   deploy/slurm/submit.sh --shards N [--only LIST] [--throttle P] [--keys-file FILE] [--no-report] \
#     -- REPLICATE_ARGS… --out DIR
#
#   --shards N         split the matrix into N shards: tasks 0 to N-1 (more shards than runs leaves some idle)
#   --only LIST        submit only these tasks of the N, in sbatch's --array syntax (e.g. 2 or 1,3): a resubmission
#   --throttle P       at most P tasks at a time (sbatch --array=…%P)
#   --keys-file FILE   NAME=VALUE lines (e.g. ANTHROPIC_API_KEY=…), read by each task; those names are left out of
#                      the environment sbatch records, so the keys never enter Slurm's state files
#   --no-report        no report job
#
# REPLICATE_ARGS go to `mirrorbox replicate` unchanged and must include --out DIR, on a filesystem every node sees.
# Submitting the same command again resumes: finished runs are skipped, unfinished ones resumed. Partition, account,
# time limit…: sbatch's own environment variables (SBATCH_PARTITION, SBATCH_ACCOUNT, SBATCH_TIMELIMIT) apply to both
# jobs. Task logs go to DIR/slurm-logs/. Prints `replicate JOBID` and `report JOBID` on stdout.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
checkout=$(cd "$here/../.." && pwd)

usage() {
  echo "usage: $0 --shards N [--only LIST] [--throttle P] [--keys-file FILE] [--no-report] -- REPLICATE_ARGS… --out DIR" >&2
  exit 2
}
fail() {
  echo "submit.sh: $*" >&2
  exit 2
}

shards='' only='' throttle='' keys_file='' report=1
while [ "$#" -gt 0 ]; do
  case "$1" in
    --shards) shards=${2:-} && shift 2 || usage ;;
    --only) only=${2:-} && shift 2 || usage ;;
    --throttle) throttle=${2:-} && shift 2 || usage ;;
    --keys-file) keys_file=${2:-} && shift 2 || usage ;;
    --no-report) report=0 && shift ;;
    --) shift && break ;;
    *) usage ;;
  esac
done
[[ "$shards" =~ ^[1-9][0-9]*$ ]] || fail "--shards wants a whole number of at least 1, got '$shards'"
[ -z "$throttle" ] || [[ "$throttle" =~ ^[1-9][0-9]*$ ]] || fail "--throttle wants a whole number, got '$throttle'"
[ -z "$only" ] || [[ "$only" =~ ^[0-9]+(-[0-9]+)?(,[0-9]+(-[0-9]+)?)*$ ]] || fail "--only wants indices such as 2 or 1,3-4"
[ "$#" -gt 0 ] || usage

out=''
args=("$@")
for i in "${!args[@]}"; do
  case "${args[$i]}" in
    --out) out=${args[$((i + 1))]:-} ;;
    --out=*) out=${args[$i]#--out=} ;;
  esac
done
[ -n "$out" ] || fail "the replicate arguments need --out DIR (a folder every node can reach)"
# Names to keep out of what sbatch records: those of the keys file, and the providers' default key variables.
unset_names=(ANTHROPIC_API_KEY OPENAI_API_KEY)
if [ -n "$keys_file" ]; then
  [ -r "$keys_file" ] || fail "cannot read --keys-file $keys_file"
  keys_file=$(cd "$(dirname "$keys_file")" && pwd)/$(basename "$keys_file")
  while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in '' | '#'*) continue ;; esac
    name=${line%%=*}
    [ "$name" != "$line" ] && [[ "$name" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || fail "$keys_file: a line is not NAME=VALUE"
    unset_names+=("$name")
  done <"$keys_file"
  if [ -n "$(find "$keys_file" -perm /077)" ]; then
    echo "submit.sh: warning: $keys_file is readable by others (chmod 600 it)" >&2
  fi
fi
for name in "${unset_names[@]}"; do
  if [ -n "${!name:-}" ] && [ -z "$keys_file" ]; then
    echo "submit.sh: warning: $name is set but left out of the job's environment; pass it in --keys-file" >&2
  fi
  unset "$name"
done

command -v sbatch >/dev/null 2>&1 || fail "no sbatch on PATH (run this on a Slurm login node)"
mkdir -p "$out/slurm-logs"
out=$(cd "$out" && pwd)

array=${only:-0-$((shards - 1))}${throttle:+%$throttle}
export MIRRORBOX_DIR=$checkout MIRRORBOX_SHARDS=$shards
if [ -n "$keys_file" ]; then export MIRRORBOX_KEYS_FILE=$keys_file; else unset MIRRORBOX_KEYS_FILE; fi

job=$(sbatch --parsable --array="$array" --output="$out/slurm-logs/replicate-%A_%a.out" \
  "$here/replicate.sbatch" "${args[@]}")
job=${job%%;*}
echo "replicate $job"
echo "submit.sh: job $job: tasks $array of $shards shards, into $out" >&2
if [ "$report" = 1 ]; then
  report_job=$(sbatch --parsable --dependency="afterany:$job" --output="$out/slurm-logs/report-%j.out" \
    "$here/report.sbatch" "$out")
  report_job=${report_job%%;*}
  echo "report $report_job"
  echo "submit.sh: job $report_job writes $out/report.{md,html,json} once job $job has ended" >&2
fi
