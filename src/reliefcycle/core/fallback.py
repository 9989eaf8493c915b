"""Static fallbacks for widgets, so every interactive part also reads well without a kernel.

A widget is shown live in JupyterLab. Exports without a running kernel (HTML, the book, slides)
cannot run it, so the display also carries a static version: nbconvert and Jupyter Book pick
the HTML part, and text exports and screen readers the plain-text part.
"""

from __future__ import annotations


class StaticFallback:
    """Mix into an ipywidgets container; subclasses define ``static_html`` and ``static_text``."""

    def static_html(self) -> str:
        raise NotImplementedError

    def static_text(self) -> str:
        raise NotImplementedError

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        bundle["text/html"] = self.static_html()
        bundle["text/plain"] = self.static_text()
        return bundle
