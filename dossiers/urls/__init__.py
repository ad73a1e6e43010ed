"""URLs of the dossiers app, one module per part of the work.

unit.py       the unit officer: rounds open to him, his dossiers, nominations, documents, submit
review.py     the secretariat: rounds, the queue, appraisal, return; the public disclosure page
council.py    council sessions, votes, minutes; award decisions and revocation
documents.py  generated documents: proposal letter and nominee list (PDF, DOCX)
"""

from dossiers.urls import council, documents, review, unit

app_name = "dossiers"
urlpatterns = [
    *unit.urlpatterns,
    *review.urlpatterns,
    *council.urlpatterns,
    *documents.urlpatterns,
]
