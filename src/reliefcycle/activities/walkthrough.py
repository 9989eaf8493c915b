"""Step through the cycle in class, one stage at a time.

``cycle_walkthrough()`` shows the cycle diagram with Previous and Next buttons, an automatic
Play control and a "Stage" slider. Each step highlights one stage and shows its two-sentence
caption in large text underneath, so a presenter can talk the room through the cycle.

- ``Walkthrough``          the logic alone (which stage, what comes next), with no widgets
- ``CycleWalkthrough``     the widgets, wired to a ``Walkthrough``
- ``walkthrough_static()`` the same steps as Markdown, for the book and the slides, where no
                           Python runs

Next after the last stage starts again at the first, and Previous from the first goes to the
last: the diagram is a cycle, and the buttons never have to be switched off (a switched-off
button would drop the keyboard focus of someone using the Tab key). Every picture is drawn once,
when the walk-through is built, so stepping is instant on a projector.
"""

from __future__ import annotations

import html
import io
from functools import cache

import ipywidgets as widgets
import matplotlib.pyplot as plt

from reliefcycle.core import a11y, style
from reliefcycle.core.fallback import StaticFallback
from reliefcycle.core.stepping import Steps
from reliefcycle.figures import cycle_diagram
from reliefcycle.models.cycle_stages import STAGES, Stage

#: Resolution of the walk-through pictures: sharp on a projector, small enough to switch fast.
DPI = 100
#: Seconds each stage stays on screen when playing: long enough to read two sentences aloud.
PLAY_SECONDS = 8


class Walkthrough(Steps):
    """Which stage of the cycle is being discussed, and how to move between stages."""

    noun = "stage"

    def __init__(self, stages: tuple[Stage, ...] = STAGES):
        if not stages:
            raise ValueError("a walk-through needs at least one stage")
        super().__init__(stages)

    @property
    def stages(self) -> tuple[Stage, ...]:
        return self.items

    @property
    def current_caption(self) -> str:
        """The two-sentence caption of the current stage."""
        return self.current.caption

    @property
    def heading(self) -> str:
        """For example "Stage 4 of 7: Brief relief"."""
        return f"Stage {self.index + 1} of {len(self)}: {self.current.label}"


@cache
def stage_png(stage_id: str, dpi: int = DPI) -> bytes:
    """The cycle diagram with ``stage_id`` highlighted, as PNG bytes (drawn once, then reused)."""
    fig, _ = cycle_diagram.cycle_diagram(highlight=stage_id)
    buffer = io.BytesIO()
    try:
        with style.context():
            fig.savefig(buffer, format="png", dpi=dpi)
    finally:
        plt.close(fig)
    return buffer.getvalue()


def _caption_html(walkthrough: Walkthrough) -> str:
    # aria-live makes screen readers announce each new caption without moving the focus.
    return (
        '<div aria-live="polite" style="font-size: 1.45em; line-height: 1.45; max-width: 48em">'
        f'<p style="margin: 0 0 0.3em 0"><strong>{html.escape(walkthrough.heading)}</strong></p>'
        f'<p style="margin: 0">{html.escape(walkthrough.current_caption)}</p></div>'
    )


class CycleWalkthrough(StaticFallback, widgets.VBox):
    """The cycle diagram with controls to step through its stages (build it with
    ``cycle_walkthrough()``).

    The "Stage" slider is the one source of truth: the buttons and the Play control move it,
    and moving it switches the picture and the caption. All are standard ipywidgets controls,
    so they can be reached with the Tab key and worked with Enter, Space and the arrow keys.
    """

    def __init__(self, stages: tuple[Stage, ...] = STAGES, *, dpi: int = DPI,
                 play_seconds: float = PLAY_SECONDS):
        self.walkthrough = Walkthrough(stages)
        self.pngs = {stage.id: stage_png(stage.id, dpi) for stage in self.walkthrough.stages}
        count = len(self.walkthrough)

        # An <img> with alt text inside an HTML widget: ipywidgets' Image widget has no alt.
        self.pictures = {stage.id: style.img_html(self.pngs[stage.id], cycle_diagram.cycle_alt(stage.id),
                                                  max_width="1100px")
                         for stage in self.walkthrough.stages}
        self.image = widgets.HTML(layout=widgets.Layout(width="100%", max_width="1100px"))
        self.caption = widgets.HTML()
        self.previous_button = widgets.Button(
            description="Previous", icon="arrow-left",
            tooltip="Go back one stage (from the first stage, go to the last)")
        self.next_button = widgets.Button(
            description="Next", icon="arrow-right",
            tooltip="Go on to the next stage (after the last stage, start again)")
        self.play = widgets.Play(
            value=1, min=1, max=count, interval=int(play_seconds * 1000),
            show_repeat=False, description="Auto-play",
            tooltip=f"Show each stage in turn, {play_seconds:g} seconds each")
        self.slider = widgets.IntSlider(
            value=1, min=1, max=count, description="Stage",
            tooltip="Choose a stage of the cycle")
        widgets.link((self.play, "value"), (self.slider, "value"))

        self.slider.observe(self._on_slider, names="value")
        self.previous_button.on_click(lambda _: self._move(self.walkthrough.previous()))
        self.next_button.on_click(lambda _: self._move(self.walkthrough.next()))

        description = widgets.HTML(
            "<details><summary>Text description of the diagram</summary>"
            f"<p>{html.escape(cycle_diagram.cycle_alt())}</p></details>")
        controls = widgets.HBox([self.previous_button, self.next_button, self.play,
                                 self.slider])
        super().__init__([self.image, self.caption, controls, description])
        self._show()

    def static_html(self) -> str:
        items = "".join(f"<li><strong>{html.escape(s.label)}.</strong> {html.escape(s.caption)}</li>"
                        for s in self.walkthrough.stages)
        return f"<p>The cycle, one stage at a time:</p><ol>{items}</ol>"

    def static_text(self) -> str:
        return walkthrough_static()

    def _move(self, index: int) -> None:
        self.slider.value = index + 1

    def _on_slider(self, change) -> None:
        self.walkthrough.go(change["new"] - 1)
        self._show()

    def _show(self) -> None:
        self.image.value = self.pictures[self.walkthrough.current.id]
        self.caption.value = _caption_html(self.walkthrough)


def cycle_walkthrough(**options) -> CycleWalkthrough:
    """The classroom walk-through of the cycle, ready to display in a notebook.

    ``options`` go to ``CycleWalkthrough`` (``dpi``, ``play_seconds``).
    """
    a11y.label_controls()
    return CycleWalkthrough(**options)


def walkthrough_static(stages: tuple[Stage, ...] = STAGES) -> str:
    """The walk-through as Markdown: one numbered item per stage with its caption.

    The numbers match the numbered stages of the cycle diagram.
    """
    items = [f"{number}. **{stage.label}.** {stage.caption}"
             for number, stage in enumerate(stages, start=1)]
    return "\n".join(items) + "\n"
