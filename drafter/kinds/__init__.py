"""Report kinds as data files (one YAML per kind); read by drafter.kind."""
