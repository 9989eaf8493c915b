"""Accessible names for ipywidgets controls that ship without one.

ipywidgets 8 draws a slider's handle as an element with ``role="slider"`` but gives it no
accessible name, and the buttons of its ``Play`` control show only an icon. A screen reader then
announces "slider" or "button" with nothing else, and axe-core reports WCAG violations. The
widgets offer no Python setting for this, so a short script, shown once with the controls, names
each handle after its visible label and each Play button after its icon. It only adds
``aria-label`` attributes where none exist.

It also lets a focused drop-down keep its arrow and letter keys: in command mode, JupyterLab
would otherwise take ArrowDown to move to the next cell (jupyter-widgets/ipywidgets#3912). The
script marks each widget drop-down with ``data-lm-suppress-shortcuts``, JupyterLab's own switch
for this; it changes nothing else on the page.
"""

from __future__ import annotations

LABEL_CONTROLS_JS = """
(() => {
  const ICONS = {"fa-play": "Play", "fa-pause": "Pause", "fa-stop": "Stop", "fa-retweet": "Repeat"};
  const label = () => {
    document.querySelectorAll(".widget-dropdown select:not([data-lm-suppress-shortcuts])")
      .forEach((select) => select.setAttribute("data-lm-suppress-shortcuts", "true"));
    document.querySelectorAll(".widget-slider").forEach((widget) => {
      const text = (widget.querySelector(".widget-label") || {}).textContent || "";
      widget.querySelectorAll("[role=slider]:not([aria-label])").forEach((handle) => {
        if (text.trim()) handle.setAttribute("aria-label", text.trim());
      });
    });
    document.querySelectorAll(".widget-play button:not([aria-label])").forEach((button) => {
      const icon = [...(button.querySelector("i") || {classList: []}).classList]
        .find((name) => name in ICONS);
      if (icon) button.setAttribute("aria-label", ICONS[icon]);
    });
  };
  label();
  if (!window.reliefcycleLabels) {
    window.reliefcycleLabels = new MutationObserver(label);
    window.reliefcycleLabels.observe(document.body, {childList: true, subtree: true});
  }
})();
"""


#: The script's output: no plain-text form, so that where JupyterLab does not run it (a notebook
#: opened before running, which JupyterLab does not trust) it shows nothing, instead of the
#: ``<IPython.core.display.Javascript object>`` that IPython's own plain text would show.
LABEL_CONTROLS_OUTPUT = {"application/javascript": LABEL_CONTROLS_JS}


def label_controls() -> None:
    """Give every slider handle and Play button on the page an accessible name."""
    from IPython.display import display

    display(LABEL_CONTROLS_OUTPUT, raw=True)
