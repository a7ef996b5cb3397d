#!/usr/bin/env bash
# Upgrade-engine benchmark: prints figures for
#   1. a warm in-process plan against the real 1.7 MB jupyterhub index (from a folder, and over loopback HTTP),
#   2. the whole command line, cold (a new JVM per run), on the same index,
#   3. a generated 50 MB index: plan time and peak heap, in a JVM capped at -Xmx64m,
#   4. the approach of the bots this replaces (PyYAML's C loader, then the latest `created`) on both.
# Needs: the fixtures (../shared/fixtures or $HELM_BOT_FIXTURES), hyperfine and python3-yaml (apt).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fixtures="${HELM_BOT_FIXTURES:-$root/../shared/fixtures}"
index="$fixtures/helm-index/jupyterhub-helm-chart-index.yaml"
[ -f "$index" ] || { echo "bench: $index not found (set HELM_BOT_FIXTURES)" >&2; exit 2; }
cd "$root"
mvn -B -q -DskipTests package
mod=helm-upgrade-function
cp="$mod/target/classes:$mod/target/lib/*:$mod/target/test-classes"
rm -rf bench/out && mkdir -p bench/out
javac -d bench/out -cp "$cp" bench/java/*.java

work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$work/chart" "$work/repo" "$work/big" "$work/bigchart"
cat > "$work/chart/Chart.yaml" <<'YAML'
apiVersion: v2
name: bench
version: 0.1.0
dependencies:
  - name: binderhub
    version: "1.0.0-0.dev.git.3361.h6ba80cf"
    repository: https://jupyterhub.github.io/helm-chart/
  - name: jupyterhub
    version: 3.0.0
    repository: https://jupyterhub.github.io/helm-chart/
YAML
cp "$index" "$work/repo/index.yaml"
# The generated index names its charts chart-00000, chart-00001, ...: pin three of them.
cat > "$work/bigchart/Chart.yaml" <<'YAML'
apiVersion: v2
name: bench-big
version: 0.1.0
dependencies:
  - name: chart-00000
    version: 0.0.1
    repository: https://jupyterhub.github.io/helm-chart/
  - name: chart-00200
    version: 0.0.1
    repository: https://jupyterhub.github.io/helm-chart/
  - name: chart-00400
    version: 0.0.1
    repository: https://jupyterhub.github.io/helm-chart/
YAML

echo "== 1. warm in-process plan on the real 1.7 MB index (median of 100 runs after 25 warm-up runs): from a mirror folder, then over loopback HTTP"
java -cp "bench/out:$cp" PlanBench "$work/repo/index.yaml" "$work/chart" 125 folder
java -cp "bench/out:$cp" PlanBench "$index" "$work/chart" 125 http

echo "== 2. whole command line, cold JVM each run (bin/helm-upgrade --dry-run), same index over loopback HTTP"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
(cd "$work/repo" && exec python3 -m http.server "$port" --bind 127.0.0.1 >/dev/null 2>&1) &
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/index.yaml" -o /dev/null && break; sleep 0.1; done
hyperfine --warmup 2 --runs 15 -N --style basic --export-json "$work/cold.json" \
  "bin/helm-upgrade --chart-file $work/chart/Chart.yaml --mirror https://jupyterhub.github.io/helm-chart/=http://127.0.0.1:$port/ --dry-run" \
  | grep -E "Time|Range"

echo "== 3. generated 50 MB index, JVM capped at -Xmx64m"
java -cp "$cp" org.helmupgradebot.upgrade.source.IndexGenerator "$work/big/index.yaml" 50 >/dev/null
java -Xmx64m -cp "bench/out:$cp" PlanBench "$work/big/index.yaml" "$work/bigchart" 8

echo "== 4. the old bots' approach: PyYAML C loader, then the latest created"
/usr/bin/python3 bench/pyyaml_plan.py "$index" binderhub 5
/usr/bin/python3 bench/pyyaml_plan.py "$work/big/index.yaml" chart-00000 1
