"""Benchmark of the static book and the slides: build times and page weights.

    python benchmarks/book_build.py            # prints Markdown tables (make bench runs it)

Measures, in a temporary folder:
- the book's build from nothing (staging, Sphinx, offline check) and a rebuild with no change;
- the slides' build (every deck);
- the weight of every book page as a browser loads it from a local server: the HTML alone and
  everything it fetches (scripts, styles, images, MathJax where a page has math), counted from
  the responses the headless Debian chromium receives.

Results also go to benchmarks/book_build.json (not committed); record the tables in the README.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"{' '.join(cmd)} failed:\n{result.stdout}\n{result.stderr}")
    return time.perf_counter() - start


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(folder: Path):
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def page_weights(site: Path) -> list[dict]:
    """For each page: HTML bytes, bytes of everything fetched, and the number of requests."""
    from playwright.sync_api import sync_playwright

    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                   if p.name not in ("genindex.html", "index.html") and "_static" not in p.parts)
    rows = []
    with serve(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        for name in pages:
            context = browser.new_context()  # a cold cache for every page
            page = context.new_page()
            sizes: list[int] = []
            page.on("requestfinished", lambda r, sizes=sizes: sizes.append(
                r.sizes()["responseBodySize"]))
            page.goto(f"{url}/{name}")
            page.wait_for_load_state("networkidle")
            rows.append({"page": name, "html_kb": (site / name).stat().st_size / 1024,
                         "total_kb": sum(sizes) / 1024, "requests": len(sizes)})
            context.close()
        browser.close()
    return rows


def main() -> int:
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        book = [python, str(ROOT / "book" / "build.py"), "--out", str(tmp / "book" / "html")]
        clean = timed(book)
        again = timed(book)
        slides = timed([python, "-m", "reliefcycle.publish.slides", "notebooks",
                        "--out", str(tmp / "slides")])
        decks = sorted((tmp / "slides").glob("*.slides.html"))
        weights = page_weights(tmp / "book" / "html") if Path(CHROMIUM).exists() else []
        deck_kb = {d.name: d.stat().st_size / 1024 for d in decks}

    print(f"Book and slides on {platform.node()} ({platform.machine()}, "
          f"Python {platform.python_version()})\n")
    print("| build | seconds |\n|---|---|")
    print(f"| book, from nothing | {clean:.1f} |")
    print(f"| book, again with no change | {again:.1f} |")
    print(f"| slides, {len(decks)} decks | {slides:.1f} |\n")
    if weights:
        print("| book page | HTML (KB) | everything loaded (KB) | requests |\n|---|---|---|---|")
        for row in weights:
            print(f"| {row['page']} | {row['html_kb']:.0f} | {row['total_kb']:.0f} | {row['requests']} |")
        print()
    print("| slide deck | size (KB, one file; plus shared vendor/) |\n|---|---|")
    for name, kb in deck_kb.items():
        print(f"| {name} | {kb:.0f} |")
    (ROOT / "benchmarks" / "book_build.json").write_text(json.dumps(
        {"book_clean_s": clean, "book_again_s": again, "slides_s": slides,
         "pages": weights, "decks_kb": deck_kb}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
