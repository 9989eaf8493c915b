"""Helper package for the notebook series *Why self-injury persists*.

The notebooks import small, tested pieces from here so that their own code cells stay short:

- ``citations``  in-text citations and generated reference lists (APA 7)
- ``safety``     the content note, the support cell and the language lint
- ``style``      colour-blind-safe palette, projector-sized plot style, figures with alt text
- ``checks``     self-check questions with explained feedback
- ``anatomy``    the parts every notebook has, in order
- ``diagrams``   conceptual diagrams drawn as code
"""

__version__ = "0.1.0"
