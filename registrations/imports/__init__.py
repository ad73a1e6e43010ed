"""Importing a registration's lines from Excel (the officer downloads the template from the
registration's page, fills it in and uploads it).

Built on ``common.imports`` (reading, template writing, the upload form, storage, cells, units,
people matching, the all-or-nothing save, shared with the award-history import) and on the
award catalog of ``awards.imports`` (its finder and its "Danh mục" sheet); one module per step:

- ``layout``: the sheet, its columns and cell words (a file format, kept Vietnamese);
- ``template``: the downloadable template, with the registration's units and the catalog in
  its drop-downs;
- ``reading``: an uploaded file → rows;
- ``storage``: the namespace its uploads are kept in between the preview and the
  confirmation, each bound to one registration;
- ``lines``: each row → a collective's or an individual's line, or row errors in Vietnamese;
- ``preview``: units checked against the registration's unit, people matched, lines already
  in the registration skipped, eligibility of the rows listed
  (``registrations.lines.entry_checks``), in a fixed number of queries;
- ``services``: the save, all or nothing, appended after the registration's lines.

Views: registrations/views/imports.py. Permission: ``registrations.change_registration`` on a
registration the user may see; only a draft or a returned registration takes an import.
"""
