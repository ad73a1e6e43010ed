"""Cell widgets for plain values in the admin's Excel/CSV files: how a date, a moment, a
number, a yes/no, a choice or a JSON value is written in a cell and read back from one (in
either language, from CSV text or from Excel's own values). ``clean`` raises ``ValueError`` with
a message for the official."""

import datetime
import json
import time
from decimal import Decimal, InvalidOperation

from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from import_export import widgets

from common.text import search_key


def cell_text(value) -> str:
    """The cell as stripped text: ``None`` is empty, a whole float from Excel loses its ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


class DayWidget(widgets.Widget):
    """A date written dd/mm/yyyy; reads dd/mm/yyyy, yyyy-mm-dd, dd-mm-yyyy and Excel dates."""

    FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y")

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = cell_text(value)
        if not text:
            return None
        for fmt in self.FORMATS:
            try:
                return datetime.date(*time.strptime(text, fmt)[:3])
            except ValueError:
                continue
        raise ValueError(_("“%(text)s” is not a date: write it as dd/mm/yyyy.") % {"text": text})

    def render(self, value, obj=None, **kwargs):
        return value.strftime("%d/%m/%Y") if isinstance(value, datetime.date) else ""


class MomentWidget(widgets.Widget):
    """A moment in local time written dd/mm/yyyy hh:mm (to the minute)."""

    FORMATS = ("%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M")

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.datetime):
            moment = value
        else:
            text = cell_text(value)
            if not text:
                return None
            for fmt in self.FORMATS:
                try:
                    moment = datetime.datetime.strptime(text, fmt).replace(
                        tzinfo=timezone.get_current_timezone()
                    )
                    break
                except ValueError:
                    continue
            else:
                raise ValueError(
                    _("“%(text)s” is not a moment: write it as dd/mm/yyyy hh:mm.") % {"text": text}
                )
        return timezone.make_aware(moment) if timezone.is_naive(moment) else moment

    def render(self, value, obj=None, **kwargs):
        if not isinstance(value, datetime.datetime):
            return ""
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")


class PointsWidget(widgets.DecimalWidget):
    """A decimal number; reads "87,5" as well as "87.5" and Excel numbers."""

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value) if not isinstance(value, float) else repr(value)
        if not text:
            return None
        if "," in text and "." not in text:
            text = text.replace(",", ".")
        try:
            return Decimal(text)
        except InvalidOperation:
            raise ValueError(_("“%(text)s” is not a number.") % {"text": text}) from None


class YesNoWidget(widgets.BooleanWidget):
    """A yes/no cell: 1/0 on export; reads 1/0, true/false, yes/no, có/không, x/empty."""

    YES = {"1", "true", "yes", "x", "co", "dung"}
    NO = {"0", "false", "no", "khong", "sai"}

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        text = search_key(cell_text(value))
        if not text:
            return None
        if text in self.YES:
            return True
        if text in self.NO:
            return False
        raise ValueError(_("“%(text)s” is neither yes (1) nor no (0).") % {"text": value})


class ChoiceWidget(widgets.CharWidget):
    """A choice written as its code ("draft"); reads the code or its label in either language
    ("Nháp", "Draft")."""

    def __init__(self, field: models.Field, **kwargs) -> None:
        self.choices = list(field.flatchoices)
        self.blank = field.blank
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            return ""
        codes = {str(code) for code, _label in self.choices}
        if text in codes:
            return text
        wanted = search_key(text)
        for code, label in self.choices:
            for language in ("vi", "en"):
                with translation.override(language):
                    if search_key(str(label)) == wanted:
                        return code
        raise ValueError(
            _("“%(text)s” is not one of: %(choices)s.")
            % {"text": text, "choices": ", ".join(sorted(c for c in codes if c))}
        )


class JSONTextWidget(widgets.Widget):
    """A JSON value as text; an empty cell is ``empty()`` (``list`` or ``dict``), never null."""

    def __init__(self, empty: type = list, **kwargs) -> None:
        self.empty = empty
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        """The parsed JSON; raises ``ValueError`` on malformed JSON."""
        if value in (None, ""):
            return self.empty()
        return json.loads(value)

    def render(self, value, obj=None, **kwargs) -> str:
        return json.dumps(value if value is not None else self.empty(), ensure_ascii=False)
