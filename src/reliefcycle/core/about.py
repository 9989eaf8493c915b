"""The box "What this model is - and is not" that stands beside every teaching model.

Each model module keeps its own text as a dict with ``title``, ``is``, ``assumptions`` and
``leaves_out``; these functions lay it out the same way for notebooks, widgets and exports.
"""

from __future__ import annotations

import html

#: The box's anchor: each notebook shows the box once, and widgets and exports link to it.
ANCHOR = "about-the-model"


def markdown(about: dict) -> str:
    """The box as Markdown, for notebooks and the book (with the anchor that links point to)."""
    lines = [f'<a id="{ANCHOR}"></a>', "", f"**{about['title']}**", "", about["is"], "",
             "*It assumes that:*", ""]
    lines += [f"- {item}" for item in about["assumptions"]]
    lines += ["", "*It leaves out:*", ""]
    lines += [f"- {item}" for item in about["leaves_out"]]
    return "\n".join(lines) + "\n"


def as_html(about: dict) -> str:
    """The same box as HTML, for widgets and static exports."""

    def items(entries):
        return "".join(f"<li>{html.escape(entry)}</li>" for entry in entries)

    return (
        f'<section aria-label="{html.escape(about["title"])}">'
        f"<p><strong>{html.escape(about['title'])}</strong></p>"
        f"<p>{html.escape(about['is'])}</p>"
        f"<p><em>It assumes that:</em></p><ul>{items(about['assumptions'])}</ul>"
        f"<p><em>It leaves out:</em></p><ul>{items(about['leaves_out'])}</ul>"
        "</section>"
    )


def link_html(about: dict) -> str:
    """A pointer to the box, for widgets and static exports that sit below it in a notebook.

    The box itself is shown once per notebook (``markdown``); repeating it under every widget
    made readers scroll past the same text up to four times.
    """
    return (f'<p>Its assumptions and what it leaves out are in the box '
            f'<a href="#{ANCHOR}">{html.escape(about["title"])}</a> above.</p>')
