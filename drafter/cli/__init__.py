"""The drafter command line: one module per command."""
