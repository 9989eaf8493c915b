"""Command line: ``reliefcycle lab`` opens the series in JupyterLab; for authors and instructors,
``reliefcycle references|safety|figures|execute|slides|handouts|lint|class-view``.

The Makefile calls these (``make lab``, ``make references``, ``make safety``, ...). Each command checks every
notebook before writing any, so a problem stops the run without losing work.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

from reliefcycle.core import safety
from reliefcycle.core.citations import Bibliography, CitationError, refresh_references


def notebook_paths(folder: str | Path, only=()) -> list[Path]:
    """The series' notebooks in order (``NN_name.ipynb``); ``only`` limits them to some stems."""
    paths = sorted(Path(folder).glob("[0-9A-Z]*_*.ipynb"))
    return [p for p in paths if not only or p.stem in only]


def _write(path: Path, nb) -> None:
    nbformat.validate(nb)
    nbformat.write(nb, path)


def cmd_references(folder: str, bib_path: str, only: list[str]) -> int:
    bib = Bibliography.from_file(bib_path)
    loaded = [(p, nbformat.read(p, as_version=4)) for p in notebook_paths(folder, only)]
    changed, errors = [], []
    for path, nb in loaded:
        try:
            if refresh_references(nb, bib, path.name):
                changed.append((path, nb))
        except CitationError as error:
            errors.append(str(error))
    if errors:
        print("\n".join(errors), file=sys.stderr)
        print("No notebook was changed.", file=sys.stderr)
        return 1
    for path, nb in changed:
        _write(path, nb)
    print(f"References: {len(changed)} of {len(loaded)} notebooks updated.")
    return 0


def cmd_safety(folder: str, only: list[str]) -> int:
    count = 0
    for path in notebook_paths(folder, only):
        nb = nbformat.read(path, as_version=4)
        if safety.refresh(nb, path.stem):
            _write(path, nb)
            count += 1
    print(f"Content notes and support cells: {count} notebooks updated.")
    return 0


def cmd_figures(folder: str) -> int:
    from reliefcycle.figures.diagrams import export_all

    written = export_all(folder)
    print(f"Figures: wrote {len(written)} files to {folder}/.")
    return 0


def cmd_execute(folder: str, only: list[str]) -> int:
    from nbconvert.preprocessors import ExecutePreprocessor

    for path in notebook_paths(folder, only):
        nb = nbformat.read(path, as_version=4)
        ExecutePreprocessor(timeout=300, kernel_name="python3", store_widget_state=False,
                            record_timing=False).preprocess(
            nb, {"metadata": {"path": str(path.parent)}})
        _write(path, nb)
        print(f"Executed {path.name}")
    return 0


def cmd_lint(paths: list[str]) -> int:
    findings = [f for p in paths for f in safety.lint_file(p)]
    for finding in findings:
        print(finding)
    print(f"lint: {len(findings)} findings in {len(paths)} files")
    return 1 if findings else 0


def cmd_class_view(files: list[str], folder: str | None) -> int:
    """Print a class's concept-check results from anonymous codes (files, ``-`` for stdin, or a
    folder of ``*.code`` files left on a hub)."""
    from reliefcycle.models import concept_check as cc

    lines: list[str] = []
    for name in files:
        lines += (sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")).splitlines()
    if folder:  # iterdir, unlike glob, says so when the folder cannot be read
        lines += [p.read_text(encoding="utf-8").strip() for p in sorted(Path(folder).iterdir())
                  if p.suffix == ".code"]
    if not any(line.strip() for line in lines):
        print(f"error: no codes in {folder} yet" if folder and not files else
              "error: no codes given (paste them into a file, one per line)", file=sys.stderr)
        return 1
    print(cc.class_view(cc.load(), lines).markdown())
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] in (["slides"], ["handouts"], ["lab"]):  # these parse their own options
        from importlib import import_module

        module = "publish.launch" if argv[0] == "lab" else argv[0]
        return import_module(f"reliefcycle.{module}").main(argv[1:])
    parser = argparse.ArgumentParser(prog="reliefcycle", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("references", help="regenerate every notebook's References cell")
    p.add_argument("folder", nargs="?", default="notebooks")
    p.add_argument("--bib", default="references.bib")
    p.add_argument("--only", nargs="*", default=[], help="notebook stems to update")
    p = sub.add_parser("safety", help="insert or refresh the content note and support cell")
    p.add_argument("folder", nargs="?", default="notebooks")
    p.add_argument("--only", nargs="*", default=[], help="notebook stems to update")
    p = sub.add_parser("figures", help="export every diagram (SVG + PNG) with alt text")
    p.add_argument("folder", nargs="?", default="figures")
    p = sub.add_parser("execute", help="execute notebooks in place")
    p.add_argument("folder", nargs="?", default="notebooks")
    p.add_argument("--only", nargs="*", default=[], help="notebook stems to execute")
    sub.add_parser("lab", help="open the series in JupyterLab (see: lab --help)")
    sub.add_parser("slides", help="offline decks for presenting (see: slides --help)")
    sub.add_parser("handouts", help="printable handouts, HTML and PDF (see: handouts --help)")
    p = sub.add_parser("class-view", help="a class's concept-check results from anonymous codes")
    p.add_argument("files", nargs="*", help="text files with one code per line ('-' reads stdin)")
    p.add_argument("--folder", help="a shared folder of *.code files (on a hub)")
    p = sub.add_parser("lint", help="language lint of notebooks and text files")
    p.add_argument("paths", nargs="+")
    args = parser.parse_args(argv)
    try:
        if args.command == "references":
            return cmd_references(args.folder, args.bib, args.only)
        if args.command == "safety":
            return cmd_safety(args.folder, args.only)
        if args.command == "figures":
            return cmd_figures(args.folder)
        if args.command == "execute":
            return cmd_execute(args.folder, args.only)
        if args.command == "class-view":
            return cmd_class_view(args.files, args.folder)
        return cmd_lint(args.paths)
    except (CitationError, safety.SafetyError, ValueError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
