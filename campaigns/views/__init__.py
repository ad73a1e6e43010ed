"""Pages of campaigns and clusters; thin: they look objects up through ``lookups`` and call
services."""
