"""What the Excel imports share: a template-shaped workbook in, checked lines out, saved all or
nothing. ``awards/imports`` (award history) and ``registrations/imports`` (a registration's
lines) are built on it; each adds its layout, the meaning of its rows and its save.

One module per concern, each a small public API:

- ``layout``: columns (``Column``), the example-row marker and how headers and cell words are
  compared (``header_key``: no accents, case, punctuation or bracketed hint);
- ``reading``: an uploaded file → ``SheetRow``s, refusing what is not a sane, unencrypted
  template-shaped XLSX (``workbook_open``, ``sheet_find``, ``sheet_read``);
- ``template``: writing a template (``sheet_write``, ``list_sheet_write``,
  ``list_validation_add``);
- ``forms``: the upload form (``WorkbookUploadForm``, given the import's reader) and the
  posted choices for ambiguous names;
- ``storage``: the upload and its rows kept between the preview and the confirmation, per
  ``UploadNamespace`` (session keys, media folder, pending limit), optionally bound to a scope;
- ``cells``: one row read cell by cell into values or ``RowError``s (``RowCells``, ``year``…);
- ``lookups``: the units a file names (``unit_finder``), in batches of ``CHUNK`` values;
- ``people``: which existing person a row names, or a new one (``person_named``,
  ``people_match``), and creating the new ones on save (``people_create``);
- ``preview``: line statuses, what every preview has (``ImportPreview``) and the all-or-nothing
  save (``import_atomic``).

Everything here is about files and people, not about awards: the award catalog
(``awards.imports.lookups.award_finder``, ``awards.imports.template.catalog_sheet_write``) stays
in awards/imports.
"""
