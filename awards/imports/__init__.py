"""Importing award history (award lists and annual ratings) from the Excel files offices keep.

Built on ``common.imports`` (reading, template writing, storage, cells, units, people matching,
the all-or-nothing save, shared with the registration import); this package adds what is about
award history, one module per step:

- ``layout``: the workbook's sheets, columns and cell words (a file format, kept Vietnamese);
- ``template``: the downloadable template built from that layout and the catalog
  (``catalog_sheet_write``, also used by the registration template);
- ``reading``: an uploaded file → ``WorkbookRows`` (both sheets);
- ``storage``: the namespace its uploads are kept in between the preview and the confirmation;
- ``cleaning``, ``lookups``, ``lines``: each row → a grant or a rating line, or row errors;
  ``lookups`` also says who may import and finds the catalog entries a file names;
- ``preview``: what saving would do, in a fixed number of queries;
- ``services``: the save, all or nothing.

Views: awards/views/imports.py. Permission: secretariat members and administrators, for the
units under their memberships (``lookups.units_for_import``).
"""
