"""Views of the dossiers app (thin: they call dossiers/services and dossiers/selectors)."""
