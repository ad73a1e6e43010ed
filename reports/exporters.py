"""The exporters of the reports app: the annual summary and the statutory forms. Each app's
``exporters`` module is imported when the apps are ready (reports/apps.py), and registers
its exporters (reports/registry.py)."""

from reports.statutory import exporters as statutory_exporters  # noqa: F401
from reports.summary import exporters as summary_exporters  # noqa: F401
