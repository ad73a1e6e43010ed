"""Importing award history (award lists and annual ratings) from the Excel files offices keep.

The flow, one module per step:

- ``layout``: the workbook's sheets, columns and cell words (a file format, kept Vietnamese);
- ``template``: the downloadable template built from that layout and the catalog;
- ``reading``: an uploaded file → rows (refuses what is not a readable template-shaped XLSX);
- ``storage``: the upload and its rows kept between the preview and the confirmation;
- ``cleaning``, ``lookups``, ``lines``: each row → a grant or a rating line, or row errors;
- ``matching``: which existing person a row is about (or a new one, or the user must choose);
- ``preview``: what saving would do, in a fixed number of queries;
- ``services``: the save, all or nothing.

Views: awards/views/imports.py. Permission: secretariat members and administrators, for the
units under their memberships (``lookups.units_for_import``).
"""
