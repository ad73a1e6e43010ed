"""Documents generated from a dossier, for the unit (or the council) to print, sign and file.

proposal.py  what the proposal letter (tờ trình, Decree 152/2025 Form 01) and its nominee list
             say: ``proposal_letter``, ``nominee_list`` (plain dataclasses, any file format)
pdf.py       those as A4 PDFs in the Decree 30/2020 layout (WeasyPrint, common.pdf.render_pdf)
docx.py      the same as Word files (python-docx), for a body that asks for Word and PDF
             (LAW.md §4)
minutes.py   the council meeting minutes (biên bản)
decision.py  the award decision (quyết định khen thưởng)

Importing this package loads neither WeasyPrint nor python-docx: they are loaded when a file
is written. Document words are Vietnamese in every interface language.
"""
