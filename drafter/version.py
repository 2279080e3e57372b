"""The package version: a leaf module, so that ``drafter --version`` imports nothing else."""

__version__ = "0.1.0"
