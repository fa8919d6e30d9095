"""Room *content*: from YAML files to one checked, linked playbook.

Owns the guarded YAML reader with the position of every node (``load``), the
model and its kinds (``model``, ``kinds``), validation in an editor's words
(``validate``), finding and reading the files (``collect``), resolving ids
across files (``link``), the interface strings (``strings``), the situations
and the regular-expression syntax that checker rules may use, the brand
colors' contrast, and the JSON Schemas generated from the model.

May import: the top-level ``problems``, ``project`` and ``report`` only.
"""
