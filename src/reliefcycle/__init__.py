"""Helper package for the notebook series *Why self-injury persists*.

The notebooks import small, tested pieces from here so that their own code cells stay short,
for example ``from reliefcycle import explore, style``. The modules live in folders, one per
layer, lowest first; a layer imports only the layers below it (``tests/test_layers.py``):

- ``data``        the data files and the schemas (pydantic) that validate them
- ``core``        citations, safety (content note, support, language lint), style, self-checks,
                  anatomy, timings, settings checks, static fallbacks, accessibility
- ``models``      plain models and statistics, no widgets: the learning model, the cascade model,
                  the intervention mapping, evidence grades, prevalence and effect sizes, glossary
- ``figures``     diagrams as code (and their slide versions), the evidence map, plots
- ``activities``  one module per interactive part: a thin widget over a model or a data set
- ``publish``     launch configuration, hub, book, slides, handouts, offline assets, command line

So that a notebook can say ``from reliefcycle import explore`` without knowing the layers, each
module's short name is looked up in ``MODULES`` on first use.
"""

import importlib

__version__ = "0.1.0"

MODULES = {
    "a11y": "core",
    "about": "core",
    "anatomy": "core",
    "cascade": "activities",
    "checks": "core",
    "citations": "core",
    "claim_check": "activities",
    "cli": "publish",
    "diagrams": "figures",
    "effects": "activities",
    "environment": "publish",
    "evidence": "models",
    "evidence_map": "figures",
    "explore": "activities",
    "fallback": "core",
    "functions_diagram": "figures",
    "glossary": "models",
    "handouts": "publish",
    "interventions": "activities",
    "model": "models",
    "offline": "publish",
    "parameters": "core",
    "prevalence": "activities",
    "safety": "core",
    "scenarios": "activities",
    "slides": "publish",
    "sorter": "activities",
    "stepping": "core",
    "style": "core",
    "walkthrough": "activities",
}


def __getattr__(name: str):
    """Import ``reliefcycle.<name>`` from its layer the first time a notebook asks for it."""
    if name in MODULES:
        return importlib.import_module(f"{__name__}.{MODULES[name]}.{name}")
    raise AttributeError(f"reliefcycle has no module {name!r}; the modules are: {', '.join(sorted(MODULES))}")
