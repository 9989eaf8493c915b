"""Plain numpy models and statistics (no widgets): the learning model, the cascade model, the intervention mapping, prevalence and effect sizes. Imports only core and data."""
