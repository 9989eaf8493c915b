"""Offline builds: copy browser assets from ``node_modules`` and check that a built folder loads
nothing from another machine.

The book, the slides and the handouts must open from a folder or a local server in a room with
no internet. Their scripts (MathJax, require.js, reveal.js) are installed from npm once
(``npm ci``, from ``package.json`` and ``package-lock.json`` at the project root) and copied next
to the pages by ``vendor``. ``external_resources`` then lists every tag or stylesheet rule that
would make a browser fetch from another host; a build fails when the list is not empty. Plain
links (``<a href>``) are allowed: following one is the reader's choice.
"""

from __future__ import annotations

import filecmp
import re
import shutil
from pathlib import Path

#: MathJax 3 with SVG output: no web fonts, so math renders even from a folder (file://).
MATHJAX = [
    ("mathjax/es5/tex-svg.js", "mathjax/tex-svg.js"),
    ("mathjax/es5/input/tex", "mathjax/input/tex"),
    ("mathjax/es5/output/svg", "mathjax/output/svg"),
    ("mathjax/es5/a11y", "mathjax/a11y"),
    ("mathjax/es5/ui", "mathjax/ui"),
    ("mathjax/LICENSE", "mathjax/LICENSE"),
]
REQUIREJS = [("requirejs/require.js", "require.js")]
#: reveal.js without its themes (several load fonts from Google); the slides bring their own.
REVEAL = [
    ("reveal.js/dist/reveal.js", "reveal.js/dist/reveal.js"),
    ("reveal.js/dist/reveal.css", "reveal.js/dist/reveal.css"),
    ("reveal.js/plugin/notes", "reveal.js/plugin/notes"),
    ("reveal.js/LICENSE", "reveal.js/LICENSE"),
]

# A tag that makes the browser fetch something (not <a>, which only links), pointing elsewhere.
_FETCHING_TAG = re.compile(
    r"<(script|link|img|iframe|source|video|audio|embed|object|track|input)\b[^>]*?"
    r"\b(?:src|href|data|poster|srcset)\s*=\s*[\"']?\s*((?:https?:)?//[^\"'\s>]+)", re.I | re.S)
# url(...) and @import in stylesheets and <style> blocks.
_CSS_URL = re.compile(r"(?:url\(\s*[\"']?|@import\s+[\"'])\s*((?:https?:)?//[^\"')\s]+)", re.I)
# import ... from "https://..." in module scripts.
_JS_IMPORT = re.compile(r"\bimport\b[^;\n]*?[\"']((?:https?:)?//[^\"']+)[\"']", re.I)


class OfflineError(RuntimeError):
    """Something the offline build needs is missing, or the build would load from elsewhere."""


def sync(src: Path, dst: Path) -> None:
    """Copy a file or folder, keeping times and skipping files that are already identical
    (so incremental builds stay incremental)."""
    src, dst = Path(src), Path(dst)
    if src.is_dir():
        for item in src.rglob("*"):
            if item.is_file() and ".ipynb_checkpoints" not in item.parts:
                sync(item, dst / item.relative_to(src))
        return
    if dst.exists() and filecmp.cmp(src, dst, shallow=False):
        return
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(src, dst)


def vendor(items, node_modules: Path, dest: Path) -> None:
    """Copy ``items`` ((source under node_modules, destination under dest) pairs)."""
    node_modules = Path(node_modules)
    missing = [src for src, _ in items if not (node_modules / src).exists()]
    if missing:
        raise OfflineError(f"{', '.join(missing)} not found in {node_modules}: run `npm ci` in the "
                           "project folder first (the make targets do it)")
    for src, dst in items:
        sync(node_modules / src, Path(dest) / dst)


def external_in_html(text: str) -> list[str]:
    """What an HTML text would fetch from another host (tags, inline styles, module imports)."""
    found = [f"<{m.group(1).lower()}> {m.group(2)}" for m in _FETCHING_TAG.finditer(text)]
    found += [f"style {m.group(1)}" for m in _CSS_URL.finditer(text)]
    for script in re.finditer(r"<script\b[^>]*>(.*?)</script>", text, re.I | re.S):
        found += [f"script import {m.group(1)}" for m in _JS_IMPORT.finditer(script.group(1))]
    return found


def external_resources(folder: Path) -> list[str]:
    """Everything in a built folder (pages and stylesheets) that would fetch from another host."""
    folder = Path(folder)
    found = []
    for page in sorted(folder.rglob("*.html")):
        text = page.read_text(encoding="utf-8", errors="replace")
        found += [f"{page.relative_to(folder)}: {item}" for item in external_in_html(text)]
    for sheet in sorted(folder.rglob("*.css")):
        text = sheet.read_text(encoding="utf-8", errors="replace")
        found += [f"{sheet.relative_to(folder)}: {m.group(1)}" for m in _CSS_URL.finditer(text)]
    return found


def require_offline(folder: Path) -> None:
    """Raise ``OfflineError`` listing what in ``folder`` would load from another machine."""
    problems = external_resources(folder)
    if problems:
        raise OfflineError("these would load from another machine:\n  " + "\n  ".join(problems))
