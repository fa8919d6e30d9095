"""Turns a professional-networking playbook written in YAML into a site, tools and handouts."""

__version__ = "0.1.0"
