"""Pure-Python parser for emulation-and-commendation plans ("Kế hoạch công tác thi đua,
khen thưởng") of Vietnamese councils.

``read_document(path)`` extracts text from .txt, .docx and .pdf files;
``parse_plan_text(text)`` turns that text into a :class:`ParsedPlan`, whose
``to_json()`` is the importer's data contract.
"""

from plans.parsing.model import ParsedPlan, PlanParseError
from plans.parsing.parser import parse_plan_text
from plans.parsing.readers import read_document

__all__ = ["ParsedPlan", "PlanParseError", "parse_plan_text", "read_document"]
