"""Start-up benchmark: `drafter --help`, `drafter check` and offline `drafter draft`, each in a fresh process.

Run as ``python benchmarks/bench_startup.py [--runs N]``. Goals on a 2-core machine (median wall clock):
``--help`` under 0.25 s, ``check`` of a 10,000-character draft under 0.5 s, an offline draft under 1 s.
Prints min, median and max seconds per command, and the median CPU seconds (user + system) of the
process: on a shared machine the wall clock waits for other work, the CPU time does not. Exits 1 when a
goal is missed (by the median wall clock).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOALS = {"help": 0.25, "check": 0.5, "draft": 1.0}
CHECK_CHARS = 10_000


def first_example() -> Path:
    """Return the first shipped example facts file (YAML first, then any format)."""
    examples = sorted((ROOT / "examples").glob("*.yaml")) or sorted((ROOT / "examples").glob("*.*"))
    if not examples:
        sys.exit("no examples/*.yaml found")
    return examples[0]


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def time_command(
    args: list[str], runs: int, ok: tuple[int, ...] = (0,), cpu: list[float] | None = None
) -> list[float]:
    """Run ``python -m drafter *args`` ``runs`` times in fresh processes; return wall-clock seconds.

    The CPU seconds of each run are appended to ``cpu`` when it is given.
    """
    times = []
    for _ in range(runs):
        before = _children_cpu()
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "drafter", *args], capture_output=True, check=False)
        times.append(time.perf_counter() - start)
        if cpu is not None:
            cpu.append(_children_cpu() - before)
        if done.returncode not in ok:
            sys.exit(f"drafter {' '.join(args)} exited {done.returncode}: {done.stderr.decode()[-300:]}")
    return times


def long_draft(example: Path, folder: Path) -> Path:
    """Write a draft of at least CHECK_CHARS characters: the example's offline draft, repeated."""
    done = subprocess.run(
        [sys.executable, "-m", "drafter", "draft", str(example), "--backend", "offline"],
        capture_output=True,
        text=True,
        check=True,
    )
    text = done.stdout
    path = folder / "long.md"
    path.write_text(text * (CHECK_CHARS // max(len(text), 1) + 1), encoding="utf-8")
    return path


def report(name: str, times: list[float], cpu: list[float]) -> str:
    """Return one line: the command, min, median and max seconds, and the median CPU seconds."""
    return (
        f"{name:<44} min {min(times):.3f} s  median {statistics.median(times):.3f} s  "
        f"max {max(times):.3f} s  CPU {statistics.median(cpu):.3f} s  ({len(times)} runs)"
    )


def main() -> None:
    """Time the commands and print the figures; exit 1 when the draft misses the goal."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
    example = first_example()
    time_command(["--help"], 1)  # warm the file cache and bytecode
    with tempfile.TemporaryDirectory() as tmp:
        draft_path = long_draft(example, Path(tmp))
        chars = len(draft_path.read_text(encoding="utf-8"))
        cpu: dict[str, list[float]] = {"help": [], "check": [], "draft": []}
        times = {
            "help": time_command(["--help"], runs, cpu=cpu["help"]),
            "check": time_command(
                ["check", str(draft_path), str(example)], runs, ok=(0, 1), cpu=cpu["check"]
            ),
            "draft": time_command(
                ["draft", str(example), "--backend", "offline"], runs, ok=(0, 1), cpu=cpu["draft"]
            ),
        }
    names = {
        "help": "drafter --help",
        "check": f"drafter check ({chars:,} characters)",
        "draft": f"drafter draft {example.relative_to(ROOT)}",
    }
    missed = []
    for key, seconds in times.items():
        median = statistics.median(seconds)
        mark = "meets" if median < GOALS[key] else "MISSES"
        print(report(names[key], seconds, cpu[key]) + f"  goal < {GOALS[key]} s: {mark}")
        if mark == "MISSES":
            missed.append(key)
    if missed:
        sys.exit(1)


if __name__ == "__main__":
    main()
