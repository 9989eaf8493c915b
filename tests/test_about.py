"""The box "What this model is - and is not": shown once per notebook, linked to elsewhere."""

from __future__ import annotations

import json

import pytest

from reliefcycle.activities import explore
from reliefcycle.core import about
from reliefcycle.models import cascade_text

from paths import ROOT

TITLE = explore.ABOUT_MODEL["title"]
MODEL_NOTEBOOKS = ("02_the_cycle", "03_why_people_self_injure", "05_breaking_the_cycle")


def test_the_box_carries_the_anchor_that_links_point_to():
    box = about.markdown(explore.ABOUT_MODEL)
    assert box.startswith(f'<a id="{about.ANCHOR}"></a>')
    link = about.link_html(cascade_text.ABOUT_MODEL)
    assert f'href="#{about.ANCHOR}"' in link and "It leaves out" not in link


@pytest.mark.parametrize("stem", MODEL_NOTEBOOKS)
def test_each_model_notebook_shows_the_box_once_and_links_to_it_below(stem):
    path = ROOT / "notebooks" / f"{stem}.ipynb"
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    shown = [i for i, cell in enumerate(cells)
             if any(f"**{TITLE}**" in "".join(o.get("data", {}).get("text/markdown", ""))
                    for o in cell.get("outputs", []))]
    assert len(shown) == 1, f"{stem}: the box is shown {len(shown)} times"
    linked = [i for i, cell in enumerate(cells)
              if f"#{about.ANCHOR}" in json.dumps(cell.get("outputs", []))]
    assert linked and min(linked) > shown[0], f"{stem}: the links must come after the box"
