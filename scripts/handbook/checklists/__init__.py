"""Checklists made from the framework: one per element, per section, per checklist kind and for
the whole framework, each as a site page and as a PDF rendered from the same templates."""

from .definitions import Definitions, load_definitions

__all__ = ["Definitions", "load_definitions"]
