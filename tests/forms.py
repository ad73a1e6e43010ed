"""Helpers for tests that post a page's forms back as a browser would."""

import datetime


def _field_value(value):
    return value.strftime("%d/%m/%Y") if isinstance(value, datetime.date) else value


def posted_back(response, *, form: str = "form", formsets: tuple[str, ...] = ()) -> dict:
    """The POST data a browser sends from ``response``'s page when the user changes nothing:
    the values of the form in ``response.context[form]`` and of every row and management form
    of the formsets named in ``formsets``; dates written dd/mm/yyyy, unticked boxes left out."""
    data = {}
    page_form = response.context[form]
    for name, field in page_form.fields.items():
        value = _field_value(page_form[name].value())
        if value not in (None, False):
            data[name] = field.prepare_value(value)
    for key in formsets:
        formset = response.context[key]
        for name, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{name}"] = value
        for row in formset.forms:
            for name in row.fields:
                value = _field_value(row[name].value())
                if value not in (None, False):
                    data[row.add_prefix(name)] = value
    return data
