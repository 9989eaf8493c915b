"""The concept check as a widget: before the series (notebook 00) and after it (notebook 07).

Each statement gets *true* or *false* and how sure the learner is. *Show the corrections* shows
every myth's correction at any time, without saving anything. *Save my answers* keeps the answers in
one small file on the computer or server that runs the notebook (``saved_answers``), never in the
notebook; *Delete my saved answers* removes it. Before the series, saving also shows the
corrections; after it, saving shows the learner's change and a calibration picture. *Show my code*
only shows an anonymous code for a class view. On a hub with a class folder, a separate *Send my
code to the instructor* button leaves it there, after the widget says who can see what. Exports
without a kernel show the statements with the myths corrected at the end, and nothing of anyone's
answers.
"""

from __future__ import annotations

import html
import io

import ipywidgets as widgets
import matplotlib.pyplot as plt

from reliefcycle.core import style
from reliefcycle.core.fallback import StaticFallback

from ..figures.calibration import calibration_figure
from ..models import concept_check as cc
from . import saved_answers

PRIVACY = ("<p><em>Your answers are saved in a file on the computer or server that runs this "
           "notebook, outside the notebooks, so they are never in a notebook you share or hand in. "
           "On a shared hub, the people who run it can reach that server. "
           "<strong>Delete my saved answers</strong> removes them.</em></p>")
#: Said before a learner on a hub chooses to send their code.
SEND_NOTICE = ("<p><em>Sending is your choice. On this hub the instructor (a hub administrator) can "
               "see which account sent each code and when, and the code holds your answers. "
               "Not sending is fine; you can also keep the code to yourself.</em></p>")
GROUPS = {"now right": "Now right (you got these wrong or skipped them before)",
          "still right": "Right, and sure of it, both times",
          "right but unsure": "Right, but not sure yet: worth a second look",
          "not yet right": "Not right yet: worth revisiting"}


def _link(section: cc.Section) -> str:
    return (f'<a href="{section.notebook}.ipynb">{html.escape(section.label())}</a>')


def corrections_html(check: cc.Check) -> str:
    """The myths of the check, each followed by its correction."""
    rows = "".join(f"<li><em>{html.escape(i.statement)}</em> {html.escape(i.correction)}</li>"
                   for i in check.items if i.kind == "myth")
    return f"<p><strong>The myths among these statements, corrected:</strong></p><ul>{rows}</ul>"


def static_html(check: cc.Check) -> str:
    """The check for exports: every statement, then the myths corrected (no answers saved)."""
    scale = " / ".join(cc.CONFIDENCE.values())
    rows = "".join(f"<li>{html.escape(i.statement)} <br><small>true / false · how sure: {scale}"
                   "</small></li>" for i in check.items)
    return (f"<p><strong>Concept check ({len(check.items)} statements).</strong> Run this notebook "
            "in JupyterLab to take it (your answers stay on the computer or server that runs it), or use "
            "the paper version in the teaching kit.</p>"
            f"<ol>{rows}</ol>{corrections_html(check)}")


def change_html(check: cc.Check, before: cc.Answers, after: cc.Answers) -> str:
    """The learner's change: score before and after, and each item in its group with its section."""
    found = cc.changes(check, before, after)
    parts = [f"<p><strong>Right before the series: {cc.score(check, before)} of "
             f"{len(check.items)}. Right now: {cc.score(check, after)} of {len(check.items)}."
             "</strong></p>"]
    for group, title in GROUPS.items():
        members = [c for c in found if c.group == group]
        if not members:
            continue
        items = "".join(f"<li>{html.escape(c.item.statement)} <br><small>{html.escape(c.item.correction)}"
                        f" Revisit: {_link(c.item.section)}.</small></li>" for c in members)
        parts.append(f"<p><strong>{title}</strong> ({len(members)})</p><ul>{items}</ul>")
    return "".join(parts)


def calibration_html(check: cc.Check, before: cc.Answers, after: cc.Answers) -> str:
    fig, alt = calibration_figure(check, before, after)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    return (style.img_html(buffer.getvalue(), alt, max_width="640px")
            + "<p>Points above the dotted line: you knew more than you felt sure of. Points "
              "below it: you were surer than your answers bore out. Both are common; the aim is "
              "for the two to match.</p>")


class StatementRow(widgets.VBox):
    """One statement with a true/false choice and a confidence choice, both labelled."""

    def __init__(self, item: cc.Item, number: int):
        self.item = item
        self.prompt = widgets.HTML(f"<p style='font-size:1.1em'><strong>{number}.</strong> "
                                   f"{html.escape(item.statement)}</p>")
        self.response = widgets.RadioButtons(options=[("true", True), ("false", False)], value=None,
                                             description=f"Statement {number}",
                                             style={"description_width": "initial"})
        self.confidence = widgets.Dropdown(options=[("choose...", None)] + [
            (label, level) for level, label in cc.CONFIDENCE.items()], value=None,
            description="How sure are you?", style={"description_width": "initial"})
        super().__init__([self.prompt, widgets.HBox([self.response, self.confidence])])

    def answer(self) -> cc.Answer | None:
        if self.response.value is None:
            return None
        return cc.Answer(self.response.value, self.confidence.value)


class ConceptCheck(StaticFallback, widgets.VBox):
    """The concept check for one phase ('before' in notebook 00, 'after' in notebook 07)."""

    def __init__(self, check: cc.Check, phase: str):
        self.check, self.phase = check, phase
        self.rows = [StatementRow(item, n) for n, item in enumerate(check.items, start=1)]
        self.save_button = widgets.Button(description="Save my answers", button_style="primary",
                                          tooltip="Save on the computer or server running this notebook")
        self.code_button = widgets.Button(description="Show my code",
                                          tooltip="Show a code made from your answers (it is not sent)")
        self.delete_button = widgets.Button(description="Delete my saved answers",
                                            tooltip="Remove the answers saved on this computer")
        self.corrections_button = widgets.ToggleButton(
            description="Show the corrections", value=False,
            tooltip="Show every myth's correction (nothing is saved)")
        self.corrections = widgets.HTML()
        self.corrections_button.observe(lambda _: self.toggle_corrections(), names="value")
        self.status = widgets.HTML(layout=widgets.Layout(min_height="2em"))
        self.result = widgets.HTML()
        self.save_button.on_click(lambda _: self.save())
        self.code_button.on_click(lambda _: self.show_code())
        self.delete_button.on_click(lambda _: self.delete())
        buttons = widgets.HBox([self.save_button, self.code_button, self.delete_button])
        sending = []
        if saved_answers.drop_folder():
            self.send_button = widgets.Button(description="Send my code to the instructor",
                                              tooltip="Leave your code in the class folder on this hub")
            self.send_button.on_click(lambda _: self.send_code())
            sending = [widgets.HTML(SEND_NOTICE), self.send_button]
        super().__init__([widgets.HTML(PRIVACY), *self.rows, buttons, *sending, self.status,
                          self.result, self.corrections_button, self.corrections])

    def answers(self) -> dict[str, cc.Answer]:
        return {row.item.id: a for row in self.rows if (a := row.answer()) is not None}

    def _say(self, message: str) -> None:
        self.status.value = f"<div role='status' aria-live='polite'>{message}</div>"

    def save(self) -> str:
        answers = self.answers()
        unsure = [n for n, row in enumerate(self.rows, start=1)
                  if row.item.id in answers and answers[row.item.id].confidence is None]
        if not answers:
            self._say("Choose true or false for at least one statement first.")
        elif unsure:
            self._say("Say how sure you are for statement(s) " + ", ".join(map(str, unsure)) + ".")
        else:
            saved_answers.save(self.check, self.phase, answers)
            self._say(f"Saved your answers to {len(answers)} of {len(self.rows)} statements, "
                      "on this computer only.")
            self.result.value = self.outcome()
        return self.status.value

    def outcome(self) -> str:
        """What saving shows: the myths corrected (before), or the learner's change (after)."""
        if self.phase == "before":
            return ("<p>Thank you. The series comes back to every statement; notebook 07 asks them "
                    "again and shows you what changed.</p>" + corrections_html(self.check))
        saved = saved_answers.load(self.check)
        before = saved.get("before", {})
        note = "" if before else ("<p>No answers from before the series were saved on this "
                                  "computer, so everything counts as new.</p>")
        after = saved.get("after", {})
        return (note + change_html(self.check, before, after)
                + calibration_html(self.check, before, after) + corrections_html(self.check))

    def toggle_corrections(self) -> str:
        """Show or hide every myth's correction; nothing is saved."""
        shown = self.corrections_button.value
        self.corrections.value = corrections_html(self.check) if shown else ""
        self.corrections_button.description = ("Hide the corrections" if shown
                                               else "Show the corrections")
        return self.corrections.value

    def _code(self) -> str | None:
        answers = self.answers()
        if not answers:
            self._say("Answer some statements first; the code is made from your answers only.")
            return None
        return cc.encode(self.check, self.phase, answers)

    def show_code(self) -> str:
        """Show the code made from the answers; it is not saved or sent anywhere."""
        code = self._code()
        if code is None:
            return self.status.value
        self._say(f"Your code: <code style='font-size:1.2em'>{code}</code>. It holds your answers "
                  "and no name. It has not been sent anywhere; share it only if you want to.")
        return code

    def send_code(self) -> str:
        """On a hub, leave the code in the instructor's class folder (only when pressed)."""
        code = self._code()
        if code is None:
            return self.status.value
        saved_answers.drop_code(code)
        self._say(f"Sent your code <code>{code}</code> to the instructor's class folder.")
        return code

    def delete(self) -> bool:
        gone = saved_answers.delete()
        self.result.value = ""
        self._say("Your saved answers are deleted." if gone else "There were no saved answers.")
        return gone

    def static_html(self) -> str:
        return static_html(self.check)

    def static_text(self) -> str:
        lines = [f"{n}. {i.statement}" for n, i in enumerate(self.check.items, start=1)]
        myths = [f"- {i.statement} {i.correction}" for i in self.check.items if i.kind == "myth"]
        return "\n".join([*lines, "The myths among these statements, corrected:", *myths])


def concept_check(phase: str) -> ConceptCheck:
    """The concept check, ready to display: ``concept_check("before")`` or ``("after")``."""
    if phase not in cc.PHASES:
        raise cc.ConceptCheckError(f"phase must be 'before' or 'after' (got {phase!r})")
    return ConceptCheck(cc.load(), phase)
