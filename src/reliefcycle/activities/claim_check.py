"""The "check the claim" activity: predict a popular claim's evidence grade, then see the answer.

The learner picks a claim that circulates about self-injury and the body, predicts which of the
five evidence grades it deserves, and then sees the grade given in ``data/claims.yml`` with its
reasons: what was measured, in whom, which kinds of study, the works behind it, and a safer way
to say it. Nothing is recorded or sent anywhere.

- ``check(claim, predicted)``  the pure logic: how a prediction compares with the graded answer
- ``answer_html(claim)``       the graded answer as HTML (``answer_markdown`` for text)
- ``ClaimCheck``               the widget (``claim_check()`` builds it); in exports without a
                               kernel it shows every claim with its answer folded in <details>
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

import ipywidgets as widgets

from reliefcycle.core import a11y
from reliefcycle.core.fallback import StaticFallback
from reliefcycle.models import evidence
from reliefcycle.models.evidence import GRADE_NAMES, Claim

#: The notebook whose popular claims the activity uses by default.
NOTEBOOK = "04_brain_and_body"


@dataclass(frozen=True)
class Verdict:
    """How a prediction compares with the graded answer.

    ``steps`` counts grades between them: negative when the prediction was more confident than
    the evidence (nearer "well supported"), positive when it was more doubtful.
    """

    claim_id: str
    predicted: str | None
    actual: str
    match: bool
    steps: int
    message: str


def _steps(n: int) -> str:
    return "one step" if n == 1 else f"{n} steps"


def check(claim: Claim, predicted: str | None) -> Verdict:
    """Compare a predicted grade with the claim's grade; ``None`` means nothing chosen yet."""
    if predicted is None:
        return Verdict(claim.id, None, claim.grade, False, 0,
                       "Choose the grade you predict first, then press "
                       "\u201cShow the graded answer\u201d.")
    steps = evidence.grade_index(predicted) - claim.grade_index
    if steps == 0:
        message = f"Your prediction matches: the graded answer is \u201c{claim.grade}\u201d."
    elif steps < 0:
        message = (f"You predicted \u201c{predicted}\u201d; the graded answer is "
                   f"\u201c{claim.grade}\u201d, {_steps(-steps)} further from \u201cwell "
                   f"supported\u201d. The evidence is weaker than the claim sounds: read why below.")
    else:
        message = (f"You predicted \u201c{predicted}\u201d; the graded answer is "
                   f"\u201c{claim.grade}\u201d, {_steps(steps)} closer to \u201cwell "
                   f"supported\u201d. The evidence is stronger than you expected: read why below.")
    return Verdict(claim.id, predicted, claim.grade, steps == 0, steps, message)


def _bib(bib=None):
    return evidence.bibliography(bib)


def answer_parts(claim: Claim, bib=None) -> list[tuple[str, str]]:
    """(heading, text) pairs of the graded answer, in the order they are shown."""
    bib = _bib(bib)
    return [
        ("Graded answer", f"{claim.grade}: {evidence.grade(claim.grade).meaning}."),
        ("Which part holds", claim.holds()),
        ("Why this grade", claim.why),
        ("What was measured", claim.measured),
        ("In whom, and how many", claim.who),
        ("Kinds of study", ", ".join(claim.study_types) + "."),
        ("Works", "; ".join(bib.intext(k) for k in claim.keys)
         + " (full references at the end of the notebook)."),
        ("A safer way to say it", claim.safer),
    ]


def answer_html(claim: Claim, bib=None) -> str:
    """The graded answer as HTML; the works link to the notebook's References cell."""
    bib = _bib(bib)
    parts = []
    for heading, text in answer_parts(claim, bib):
        if heading == "Works":
            links = "; ".join(f'<a href="#ref-{k}">{html.escape(bib.intext(k))}</a>'
                              for k in claim.keys)
            body = f"{links} (full references at the end of the notebook)."
        else:
            body = html.escape(text)
        parts.append(f"<p style='margin:0.3em 0'><strong>{html.escape(heading)}.</strong> {body}</p>")
    return "".join(parts)


def answer_markdown(claim: Claim, bib=None) -> str:
    """The graded answer as Markdown (plain citations, no links)."""
    return "\n\n".join(f"**{h}.** {t}" for h, t in answer_parts(claim, bib))


def claim_html(claim: Claim) -> str:
    """The claim as it circulates, labelled as a claim under examination."""
    return (f"<p style='font-size:1.15em'><strong>{html.escape(claim.title)}</strong> "
            f"(paraphrased, as it circulates): \u201c{html.escape(claim.claim)}\u201d</p>")


def static_html(selection: Iterable[Claim], bib=None) -> str:
    """Every claim for exports without a kernel, each answer folded inside <details>."""
    bib = _bib(bib)
    items = [
        f"{claim_html(c)}<details><summary>Show the graded answer for {html.escape(c.title.lower())}"
        f"</summary>{answer_html(c, bib)}</details>"
        for c in selection]
    return ("<p><em>Predict each claim's grade (well supported, partly supported, weak or "
            "indirect, unsupported, contradicted) before you open its answer.</em></p>"
            + "\n".join(items))


def static_text(selection: Iterable[Claim]) -> str:
    """Plain text for text exports and screen readers: each claim with its grade and safer wording.

    Plain text cannot fold an answer away, so the grade comes with the claim: a claim is never
    left standing on its own as if it were a finding.
    """
    return "\n".join(f"{c.title} (as it circulates): \u201c{c.claim}\u201d Graded answer: "
                     f"{c.grade}. A safer way to say it: {c.safer}" for c in selection)


class ClaimCheck(StaticFallback, widgets.VBox):
    """Pick a claim, predict its grade, then show the graded answer (build with ``claim_check()``).

    All controls are standard ipywidgets with visible labels, reachable with the Tab key. The
    answer area is announced politely to screen readers when it changes.
    """

    def __init__(self, selection: Iterable[Claim], bib=None):
        self.claims = tuple(selection)
        if not self.claims:
            raise ValueError("the claim check needs at least one claim")
        self.bib = _bib(bib)
        note = widgets.HTML("<p><em>Private and offline: your predictions stay on this page and "
                            "are not recorded.</em></p>")
        self.menu = widgets.Dropdown(
            options=[(f"{c.title}: {c.label}", c.id) for c in self.claims],
            value=self.claims[0].id, description="Claim",
            style={"description_width": "initial"}, layout=widgets.Layout(width="auto"))
        self.statement = widgets.HTML()
        self.prediction = widgets.ToggleButtons(
            options=list(GRADE_NAMES), value=None, description="Your grade",
            tooltips=[evidence.grade(g).meaning for g in GRADE_NAMES],
            style={"description_width": "initial", "button_width": "auto"})
        self.button = widgets.Button(description="Show the graded answer", button_style="primary",
                                     tooltip="Compare your prediction with the graded answer",
                                     layout=widgets.Layout(width="auto"))
        self.feedback = widgets.HTML(layout=widgets.Layout(min_height="2em"))
        # Buttons as well as the menu: in JupyterLab the arrow keys on a closed menu move to the
        # next cell instead (jupyter-widgets/ipywidgets#3912), so keyboard users need a way that
        # works with Enter and Space.
        self.previous = widgets.Button(description="Previous claim", icon="arrow-left",
                                       tooltip="Show the previous claim",
                                       layout=widgets.Layout(width="auto"))
        self.next = widgets.Button(description="Next claim", icon="arrow-right",
                                   tooltip="Show the next claim", layout=widgets.Layout(width="auto"))
        self.menu.observe(lambda _: self._reset(), names="value")
        self.previous.on_click(lambda _: self.step(-1))
        self.next.on_click(lambda _: self.step(1))
        self.button.on_click(lambda _: self.reveal())
        super().__init__([note, widgets.HBox([self.menu, self.previous, self.next]),
                          self.statement, self.prediction, self.button, self.feedback])
        self._reset()

    @property
    def current(self) -> Claim:
        return next(c for c in self.claims if c.id == self.menu.value)

    def select(self, claim_id: str) -> None:
        """Show the claim with this id (clears the prediction and the answer)."""
        self.menu.value = claim_id

    def step(self, by: int) -> None:
        """Show the claim ``by`` places on in the menu, wrapping round at either end."""
        ids = [c.id for c in self.claims]
        self.select(ids[(ids.index(self.menu.value) + by) % len(ids)])

    def reveal(self) -> Verdict:
        """Compare the prediction with the graded answer and show the answer."""
        verdict = check(self.current, self.prediction.value)
        body = "" if verdict.predicted is None else answer_html(self.current, self.bib)
        self.feedback.value = (f"<div role='status' aria-live='polite'><p><strong>"
                               f"{html.escape(verdict.message)}</strong></p>{body}</div>")
        return verdict

    def _reset(self) -> None:
        self.statement.value = claim_html(self.current)
        self.prediction.value = None
        self.feedback.value = ""

    def static_html(self) -> str:
        return static_html(self.claims, self.bib)

    def static_text(self) -> str:
        return static_text(self.claims)


def claim_check(selection: Iterable[Claim] | None = None) -> ClaimCheck:
    """The "check the claim" activity, ready to display; by default notebook 04's popular claims."""
    if selection is None:
        selection = evidence.claims(notebook=NOTEBOOK, kind="popular")
    a11y.label_controls()
    return ClaimCheck(selection)
