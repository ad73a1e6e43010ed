"""Forms of the dossiers app, one module per part of the work."""
