"""Phrase tables of the offline realiser (zh.yaml, en.yaml)."""
