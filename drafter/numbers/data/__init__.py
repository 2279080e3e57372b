"""Lexicons of the number checker (YAML data files, loaded with ``drafter.resources.load_yaml``)."""
