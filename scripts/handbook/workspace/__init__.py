"""The inspection workspace: one page where an inspection team keeps many case records in the
browser, sees the findings across them, and merges each other's work."""

from .pages import generate

__all__ = ["generate"]
