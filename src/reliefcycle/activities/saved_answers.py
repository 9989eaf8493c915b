"""Where a learner's concept-check answers are kept: one small file on the computer or server that
runs the notebook (on a shared hub, the people who run it can reach that server).

The file lives in the user's data folder (``platformdirs``; on Linux
``~/.local/share/reliefcycle/concept-check.json``), outside the repository and the notebooks, so
answers are never committed, shared or exported with a notebook by accident. It holds the answers
and confidence ratings only: no name, no date, no free text. ``RELIEFCYCLE_DATA_DIR`` points it
elsewhere (the tests use a temporary folder). ``delete()`` removes it.
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

from platformdirs import user_data_dir

from ..models.concept_check import PHASES, Answer, Answers, Check

FILE_NAME = "concept-check.json"
#: On a hub, an instructor's shared folder for codes (see teaching/facilitator-guide.md).
DROP_ENV = "RELIEFCYCLE_CODE_DROP"


def path() -> Path:
    """The file that holds this learner's answers (it may not exist yet)."""
    folder = os.environ.get("RELIEFCYCLE_DATA_DIR") or user_data_dir("reliefcycle", appauthor=False)
    return Path(folder) / FILE_NAME


def load(check: Check) -> dict[str, dict[str, Answer]]:
    """Saved answers by phase; an unreadable file or another version of the check gives none."""
    try:
        raw = json.loads(path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(raw, dict) or raw.get("check") != check.fingerprint:
        return {}
    ids = {item.id for item in check.items}
    saved = {}
    for phase in PHASES:
        records = raw.get(phase)
        if isinstance(records, dict):
            saved[phase] = {k: Answer(v[0], v[1]) for k, v in records.items()
                            if k in ids and isinstance(v, list) and len(v) == 2}
    return saved


def save(check: Check, phase: str, answers: Answers) -> Path:
    """Keep one phase's answers (replacing any earlier ones for that phase)."""
    saved = load(check)
    saved[phase] = dict(answers)
    data = {"check": check.fingerprint,
            **{p: {k: [a.response, a.confidence] for k, a in v.items()} for p, v in saved.items()}}
    target = path()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return target


def delete() -> bool:
    """Remove the saved answers; True if there were any."""
    try:
        path().unlink()
    except FileNotFoundError:
        return False
    return True


def drop_folder() -> str | None:
    """The instructor's class folder for codes on a hub, if one is set up."""
    return os.environ.get(DROP_ENV) or None


def drop_code(code: str) -> Path | None:
    """On a hub with a class folder set up, leave the code there under a random name.

    Called only when the learner presses *Send my code to the instructor*. The file is new (never
    another's, overwritten), holds the code only, and is readable by its owner and the folder's
    group (the instructors, on the hub) only; the hub's administrators can see which account wrote
    each file and when. None when there is no folder or it cannot take the file; the learner can
    still copy the code by hand.
    """
    folder = drop_folder()
    if not folder:
        return None
    target = Path(folder) / f"{secrets.token_hex(8)}.code"
    try:
        handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
    except OSError:
        return None
    with os.fdopen(handle, "w", encoding="utf-8") as f:
        f.write(code + "\n")
    return target
