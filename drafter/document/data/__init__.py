"""Word layout data (word_layout.yaml): page, type and footer settings per language."""
