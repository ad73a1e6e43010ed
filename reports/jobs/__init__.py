"""Export jobs: a file asked for by a user, rendered by Celery, downloadable for 24 hours
(services.py writes, selectors.py reads, views.py the pages under /reports/exports/)."""
