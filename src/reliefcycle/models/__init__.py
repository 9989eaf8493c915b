"""Plain numpy models and statistics, with no widgets.

The learning model, the cascade model, the intervention mapping, prevalence and effect
sizes. Imports only core and data.
"""
