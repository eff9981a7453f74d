#!/usr/bin/env bash
# Scaling: check, build (HTML) and eval of synthetic companies at 1×, 10× and 100×
# (100, 1,000 and 10,000 services), wall time and peak memory of the release binary.
# Prints a Markdown table for docs/performance.md. Usage: benches/scale.sh [SIZES…]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-target}/release/slac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100 1000 10000)

measure() { # prints "wall_s user_s sys_s peak_MiB" of a command
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || {
    cat "$work/stderr" >&2
    exit 1
  }
  read -r secs user sys kib <"$work/time"
  echo "$secs $user $sys $((kib / 1024))"
}

echo "| size | services | agreements | .sla MB | check s | check MiB | build html s (user / sys) | files | build MiB | eval s | eval MiB |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for n in "${sizes[@]}"; do
  d="$work/n$n"
  "$bin" synth --services "$n" --out "$d"
  agreements=$(cat "$d"/portfolio/*.sla | grep -cE '^(sla|ola|uc) ')
  mb=$(du -cb "$d"/portfolio/*.sla | tail -1 | awk '{printf "%.1f", $1/1e6}')
  read -r cs _ _ cm < <(measure "$bin" check "$d/portfolio" --today 2026-11-26)
  read -r bs bu bsys bm < <(measure "$bin" build "$d/portfolio" --out "$d/out" --emit html --today 2026-11-26)
  files=$(find "$d/out" -type f | wc -l)
  read -r es _ _ em < <(measure "$bin" eval "$d/portfolio" --period 2026-11 --outages "$d/outages.csv" \
    --tickets "$d/tickets.csv" --format json --today 2026-11-26)
  echo "| $((n / 100))× | $n | $agreements | $mb | $cs | $cm | $bs ($bu / $bsys) | $files | $bm | $es | $em |"
done
