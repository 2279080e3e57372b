"""Interactive section-by-section revision in the terminal: session file, controller, screen."""
