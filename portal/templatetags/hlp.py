"""Filters for numbers the Bangla-first way: Bangla digits and lakh/crore grouping in Bangla,
lakh/crore grouping with ASCII digits in English."""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from bangla import format_lakh, to_bangla_digits

register = template.Library()


def _bangla():
    return not (get_language() or "bn").startswith("en")


def _decimal(value):
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


@register.filter
def localized_title(page):
    """A page's title in the page language: `title_en` in English where the page has one."""
    if page is None:
        return ""
    if not _bangla():
        english = getattr(page, "title_en", "") or getattr(page.specific, "title_en", "")
        if english:
            return english
    return page.seo_title or page.title


@register.filter
def digits(value):
    """Any text with its digits in the page language's script (২০২৪-২৫ in Bangla)."""
    text = str(value)
    return to_bangla_digits(text) if _bangla() else text


@register.filter
def num(value):
    """A number in lakh/crore grouping, in the page language's digits."""
    number = _decimal(value)
    if number is None:
        return "" if value is None else value
    return format_lakh(number, bangla_digits=_bangla())


@register.filter
def money(value):
    """An amount in taka: ১২,৩৪,৫৬৭ টাকা in Bangla, 12,34,567 BDT in English."""
    number = _decimal(value)
    if number is None:
        return ""
    if _bangla():
        return f"{format_lakh(number, bangla_digits=True)} টাকা"
    return f"{format_lakh(number, bangla_digits=False)} BDT"


@register.filter
def short_money(value):
    """A large amount in words of lakh and crore, as the dashboard writes it: ১২৩.৪৫ কোটি টাকা,
    123.45 crore BDT; an amount under a lakh in full."""
    number = _decimal(value)
    if number is None:
        return ""
    crore, lakh = 10_000_000, 100_000
    if number >= crore:
        figure, unit = number / crore, _("crore")
    elif number >= lakh:
        figure, unit = number / lakh, _("lakh")
    else:
        return money(number)
    return f"{num(round(figure, 2))} {unit} {'টাকা' if _bangla() else 'BDT'}"


@register.filter
def usd(value):
    """An amount in US dollars, grouped the international way (12,345,678) in the page
    language's digits, whole dollars."""
    number = _decimal(value)
    if number is None:
        return ""
    text = f"{round(number):,}"
    return to_bangla_digits(text) if _bangla() else text


@register.filter
def small_count(value, floor=5):
    """A count about people: below the floor it is shown as "<5", never the exact figure."""
    number = _decimal(value)
    if number is None:
        return ""
    if 0 < number < floor:
        return digits(f"<{floor}")
    return num(number)


@register.filter
def page_numbers(page):
    """The page numbers a list of pages links to: the first, the last and two either side of
    the current one, with None where numbers are left out (shown as "…")."""
    total, current = page.paginator.num_pages, page.number
    shown = sorted({1, total, *range(max(1, current - 2), min(total, current + 2) + 1)})
    numbers = []
    for number in shown:
        if numbers and number - numbers[-1] > 1:
            numbers.append(None)
        numbers.append(number)
    return numbers
