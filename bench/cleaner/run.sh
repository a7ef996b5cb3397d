#!/usr/bin/env bash
# Registry-cleaner inventory benchmark. Prints:
#   1. seeding time: 5,000 manifests over 50 repositories pushed to a local docker-registry,
#   2. for collector concurrency 1, 8 (the default) and 32 (backend parallelism 8, the default):
#      the median inventory time of the real code path (InventoryCollector over OciRegistryBackend)
#      and the requests it made (the client's requestCount),
#   3. the registry's own ceiling in the same run: wrk on a manifest GET and a config blob GET with as
#      many connections as the inventory keeps in flight, and the ratio
#      inventory time / (requests / wrk requests per second)  (1.0 = the request-bound floor), where the
#      floor uses wrk on the inventory's own mix (bench/cleaner/mix.lua: every manifest and config GET),
#   4. the two backends side by side at the default concurrency (8 x 8): OCI straight at the registry, ACR through
#      the ACR stand-in of the tests in front of it: requests per manifest, credential calls and exchanges per run.
# Needs: /usr/bin/docker-registry (Debian docker-registry), curl, python3, and wrk (Debian wrk) for part 2
# (skipped, with a note, without it).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
repos="${BENCH_REPOS:-50}"
per_repo="${BENCH_PER_REPO:-100}"
runs="${BENCH_RUNS:-1}"
wrk_seconds="${BENCH_WRK_SECONDS:-4}"
command -v docker-registry >/dev/null || { echo "bench: docker-registry not found (apt-get install docker-registry)" >&2; exit 2; }
have_wrk=1
if ! command -v wrk >/dev/null; then
  echo "bench: wrk not found (apt-get install wrk): part 2 (the registry's own ceiling) is skipped" >&2
  have_wrk=0
fi
cd "$root"
mvn -B -q -o -pl registry-cleaner-function -am -DskipTests package 2>/dev/null || mvn -B -q -pl registry-cleaner-function -am -DskipTests package
mod=registry-cleaner-function
cp="$mod/target/classes:$mod/target/lib/*:shared/target/test-classes:$mod/target/test-classes"
out="$mod/target/bench-cleaner"
rm -rf "$out" && mkdir -p "$out"
javac -d "$out" -cp "$cp" bench/cleaner/java/*.java

work="$(mktemp -d)"
registry_pid=""
cleanup() { [ -n "$registry_pid" ] && kill "$registry_pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$work/config.yml" <<YAML
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $work/storage
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
  secret: loopback-bench-only
YAML
docker-registry serve "$work/config.yml" >"$work/registry.log" 2>&1 &
registry_pid=$!
url="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -sf "$url/v2/" -o /dev/null && break; sleep 0.1; done
curl -sf "$url/v2/" -o /dev/null || { echo "bench: docker-registry did not start: $(tail -3 "$work/registry.log")" >&2; exit 1; }

echo "== 1. seeding ($repos repositories x $per_repo tagged images, through the upload API)"
java -cp "$out:$cp" CleanerBench seed "$url" "$repos" "$per_repo" "$work/urls" 2> >(grep -v SLF4J >&2)
manifest_path=$(sed -n 1p "$work/urls")
blob_path=$(sed -n 2p "$work/urls")
accept="Accept: application/vnd.oci.image.manifest.v1+json"

wrk_rps() { # connections path [wrk options...] [-- script args...]: requests per second, all answers 2xx
  local c=$1 path=$2; shift 2
  local opts=() rest=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do opts+=("$1"); shift; done
  rest=("$@")
  local report
  report=$(wrk -t "$(( c < 2 ? 1 : 2 ))" -c "$c" -d "${wrk_seconds}s" "${opts[@]}" "$url$path" "${rest[@]}")
  if grep -q "Non-2xx" <<<"$report"; then echo "bench: wrk on $path got errors: $report" >&2; exit 1; fi
  awk '/^Requests\/sec/ {print $2}' <<<"$report"
}

if [ "$have_wrk" = 1 ]; then
echo "== 2. inventory (InventoryCollector + OciRegistryBackend, median of $runs run(s) after a warm-up) vs the registry's ceiling (wrk, ${wrk_seconds} s each)"
printf '%-30s %6s %9s %9s %12s %11s %10s %9s %6s\n' "collector x backend" "rows" "requests" "time_ms" "wrk_manif/s" "wrk_blob/s" "wrk_mix/s" "floor_ms" "ratio"
for concurrency in 1 8 32; do
  parallelism=8
  in_flight=$(( (concurrency < repos ? concurrency : repos) * parallelism ))
  java -cp "$out:$cp" CleanerBench inventory "$url" "$concurrency" "$parallelism" "$runs" >"$work/inv.out" 2>"$work/inv.err" \
    || { grep -v SLF4J "$work/inv.err" >&2; exit 1; }
  read -r rows requests median min max <"$work/inv.out"
  rps_m=$(wrk_rps "$in_flight" "$manifest_path" -H "$accept")
  rps_b=$(wrk_rps "$in_flight" "$blob_path")
  # The floor: the inventory's own request set (every tag's manifest, every config) at the registry's rate.
  rps_x=$(wrk_rps "$in_flight" / -s bench/cleaner/mix.lua -- "$work/urls.mix")
  read -r floor ratio < <(python3 -c "
req=$requests; x=$rps_x; t=$median
floor=1000*req/x
print(f'{floor:.0f} {t/floor:.2f}')")
  label="$concurrency x $parallelism, ${in_flight} conns"; [ "$concurrency" = 8 ] && label="$label (default)"
  printf '%-30s %6s %9s %9s %12s %11s %10s %9s %6s\n' "$label" "$rows" "$requests" "$median" "$rps_m" "$rps_b" "$rps_x" "$floor" "$ratio"
done
echo "(wrk uses as many connections as the inventory keeps requests in flight: min(collector, repos) x backend.)"
echo "(ratio = inventory time / (requests / wrk requests per second); 1.0 is the request-bound floor.)"
fi

echo "== 3. backends side by side (collector 8 x backend 8, one run after a warm-up each)"
printf '%-16s %6s %9s %9s %11s %9s %7s %8s\n' "backend" "rows" "requests" "req/manif" "credential" "exchanges" "tokens" "time_ms"
java -cp "$out:$cp" CleanerBench backends "$url" 8 8 2> >(grep -v SLF4J >&2)
echo "(ACR requests are counted by the stand-in: sign-in, /acr/v1 pages and one /v2/ manifest GET per manifest;"
echo " OCI requests by the client: tag lists, a HEAD per tag, a GET per digest and one per config.)"
echo "(load average while measuring: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores)"
