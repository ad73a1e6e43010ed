"""Parse and PDF-render timings of the sample plans (plans/samples): a table, not a test.

Run from the repository root: ``.venv/bin/python benchmarks/plans.py``. Django runs with the test
settings on a fresh in-memory SQLite database (whatever ``DATABASE_URL`` says), each sample is
imported with the real importer, then:

* parse: ``parse_plan_text`` on the ``read_document`` text, median of 7 runs;
* PDF: ``render_plan_pdf``, median of 5 runs after the plan's first render, in one process, as
  a Celery worker renders one PDF after another: the first render of the process also loads
  WeasyPrint, Fontconfig, the shipped fonts and the stylesheet, which ``common.pdf`` then keeps
  for the worker's later renders. The target plan is rendered first, so its "first" column is
  that process-cold render; for the other plans it is their first render in a warm process.
  The median CPU time is shown too: on a busy machine it is the steadier number;
* memory: the tracemalloc peak of one extra render (Python allocations only: Pango, HarfBuzz and
  the other C libraries are not traced), and the process's peak RSS (``ru_maxrss``) so far.
"""

import io
import os
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# Run as a script, this folder comes first on sys.path and this file would shadow the app "plans".
if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path[0] = str(REPO)

PARSE_RUNS = 7
RENDER_RUNS = 5
PARSE_TARGET_S = 0.2
SON_TAY_RENDER_TARGET_S = 1.0
SON_TAY_MEMORY_TARGET_MB = 300
TARGET = "son-tay-2020"  # the plan the targets are for; rendered first


def _setup_django() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["DATABASE_URL"] = "sqlite://:memory:"  # never touch a real database
    import django

    django.setup()
    import logging

    from django.core.management import call_command

    # Per-page progress is INFO; without HarfBuzz-Subset every rendering warns once per font (the
    # subsetting mode is printed once below instead).
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    call_command("migrate", verbosity=0)


def _median_seconds(function, runs: int) -> tuple[float, float]:
    """Median wall-clock and median CPU seconds of ``runs`` calls."""
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        function()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _font_subsetting() -> str:
    """How WeasyPrint subsets the embedded fonts: with HarfBuzz-Subset (a C library, Debian's
    libharfbuzz-subset0) or, when that is missing, with fontTools (about 0.25 s more per PDF)."""
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    if harfbuzz_subset and harfbuzz.hb_version_atleast(4, 1, 0):
        return "HarfBuzz-Subset"
    return "fontTools (slow: install libharfbuzz-subset0)"


def main() -> None:
    _setup_django()
    from django.conf import settings
    from pypdf import PdfReader

    from organizations.models import Unit
    from plans.parsing import parse_plan_text, read_document
    from plans.pdf import render_plan_pdf
    from plans.services import plan_save

    header = (
        f"{'plan':<14} {'parse s':>7} {'first s':>7} {'PDF s':>6} {'CPU s':>6} {'pages':>5} "
        f"{'KiB':>4} {'py peak MB':>10} {'RSS MB':>6}"
    )
    print(header)
    print("-" * len(header))
    results = {}
    paths = sorted(settings.SAMPLE_PLANS_DIR.glob("*.txt"), key=lambda p: (p.stem != TARGET, p))
    for path in paths:
        text = read_document(path)
        parse = _median_seconds(lambda text=text: parse_plan_text(text), PARSE_RUNS)[0]
        unit = Unit.objects.create(name=f"Đơn vị {path.stem}", kind=Unit.Kind.DISTRICT)
        data = parse_plan_text(text).to_json()
        plan = plan_save(data=data, unit=unit, user=None, source_text=text).plan
        start = time.perf_counter()
        content = render_plan_pdf(plan)
        first = time.perf_counter() - start
        render, render_cpu = _median_seconds(lambda plan=plan: render_plan_pdf(plan), RENDER_RUNS)
        tracemalloc.start()
        render_plan_pdf(plan)
        python_peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        pages = len(PdfReader(io.BytesIO(content)).pages)
        rss = _peak_rss_mb()
        results[path.stem] = (parse, first, render, render_cpu, rss)
        print(
            f"{path.stem:<14} {parse:>7.3f} {first:>7.2f} {render:>6.2f} {render_cpu:>6.2f} "
            f"{pages:>5} {len(content) // 1024:>4} {python_peak:>10.1f} {rss:>6.0f}"
        )

    print()
    print("Targets:")
    worst_parse = max(result[0] for result in results.values())
    print(f"  parse <= {PARSE_TARGET_S} s per plan: worst {worst_parse:.3f} s", end=" ")
    print("OK" if worst_parse <= PARSE_TARGET_S else "MISSED")
    if TARGET in results:
        _, first, render, render_cpu, rss = results[TARGET]
        print(
            f"  {TARGET} PDF <= {SON_TAY_RENDER_TARGET_S} s, median of warm renders in one "
            f"process (as a worker): {render:.2f} s (CPU {render_cpu:.2f} s)",
            end=" ",
        )
        print("OK" if render <= SON_TAY_RENDER_TARGET_S else "MISSED")
        print(f"    (the process's first, cold render: {first:.2f} s)")
        print(f"  {TARGET} peak RSS <= {SON_TAY_MEMORY_TARGET_MB} MB: {rss:.0f} MB", end=" ")
        print("OK" if rss <= SON_TAY_MEMORY_TARGET_MB else "MISSED")
    print(f"  (machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f};", end=" ")
    print(f"fonts subset by {_font_subsetting()})")


if __name__ == "__main__":
    main()
