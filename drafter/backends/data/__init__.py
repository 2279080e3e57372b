"""Phrases the drafting pipeline writes itself (placeholders), per language."""
