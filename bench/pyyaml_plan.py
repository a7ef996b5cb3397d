"""The approach of the bots this replaces: load the whole index with PyYAML (C loader) and take
the entry with the latest `created`. Prints the load+sort time for one index, median of N runs."""
import statistics
import sys
import time

import yaml

path, chart, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
loader = getattr(yaml, "CSafeLoader", None)
if loader is None:
    sys.exit("PyYAML has no C loader here (install python3-yaml with libyaml)")
times = []
for _ in range(runs):
    t0 = time.perf_counter()
    with open(path, "rb") as f:
        index = yaml.load(f, Loader=loader)
    newest = max(index["entries"][chart], key=lambda e: str(e["created"]))
    times.append((time.perf_counter() - t0) * 1000)
print(f"pyyaml-cloader index={path.rsplit('/', 1)[-1]} runs={runs} median={statistics.median(times):.1f}ms "
      f"min={min(times):.1f}ms newest-by-created={newest['version']}")
