"""JupyterHub configuration for a class on one machine (``make hub``).

All settings live in reliefcycle.publish.hub so the tests, the Helm values check and this file
share them; change them there, or with the RELIEFCYCLE_HUB_* variables it documents.
"""

from reliefcycle.publish.hub import configure

configure(c)  # noqa: F821 (JupyterHub provides `c`)
