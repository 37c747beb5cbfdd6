"""What imports say about a file, a row or a cell: sentences kept in both languages, and the
exceptions that carry them (a cell that cannot be read, a row that breaks a rule).

Every message is rendered by `Message.render`, and every rendering masks identity numbers
(`portal.privacy.mask_identity_numbers`): a message may quote a cell, and in a shifted row any
cell may hold someone's NID. What the report keeps, the job page shows and the error files hold
is rendered here, so no column can leak one."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils import translation
from django.utils.functional import Promise

from bangla import format_lakh, to_bangla_digits
from portal.privacy import mask_identity_numbers

LANGUAGES = ("bn", "en")
_LONG_VALUE = 80


class Message:
    """A translatable sentence with its parameters, rendered in each language on demand.

    `text` is a gettext_lazy string with %(name)s placeholders; parameters may themselves be
    lazy strings, numbers, model instances or lists of those.
    """

    def __init__(self, text, params=None):
        self.text = text
        self.params = params or {}

    def render(self, language: str) -> str:
        """The sentence in `language`, with every identity number in it masked."""
        with translation.override(language):
            text = str(self.text)
            if self.params:
                text = text % {
                    name: _render_param(name, value, language)
                    for name, value in self.params.items()
                }
            return mask_identity_numbers(text)

    def as_dict(self) -> dict:
        return {language: self.render(language) for language in LANGUAGES}

    def __str__(self):
        return self.render(translation.get_language() or "bn")


def _render_param(name, value, language):
    if isinstance(value, list | tuple):
        return ", ".join(_render_param(name, item, language) for item in value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | Decimal) and name != "value":
        return format_lakh(value, bangla_digits=language == "bn")
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    text = str(value)
    if name == "value":
        # The user's own value is quoted as typed, but a whole paragraph helps nobody; masked
        # first, so that cutting it short cannot leave the start of a number in clear.
        text = mask_identity_numbers(text)
        if len(text) > _LONG_VALUE:
            text = text[: _LONG_VALUE - 1] + "…"
        return text
    return to_bangla_digits(text) if language == "bn" and text.isdigit() else text


class CellError(Exception):
    """Raised by a parser: the cell's value cannot be read. The message names the value."""

    def __init__(self, message, **params):
        self.message = message if isinstance(message, Message) else Message(message, params)
        super().__init__(self.message.text)


class RowError(Exception):
    """Raised by `Importer.validate`: the row breaks a rule. `column` is a column name."""

    def __init__(self, message, column=None, **params):
        super().__init__(str(message))
        self.message = Message(message, params)
        self.column = column


class SkipCell(Exception):
    """A cell that cannot be judged because a column it depends on already failed."""
