"""Readable Latin addresses for pages titled in Bangla.

Wagtail makes a page's slug in the browser from its title; for Bangla it keeps the letters and
drops their vowel signs ("বরজয-থক-জব"), an address nobody can read or type. The portal has the
browser leave Bangla out of slugs (`WAGTAIL_ALLOW_UNICODE_SLUGS = False`), and the server
decides: the English title's slug where there is one, else the Bangla title spelt in Latin
letters (`bangla.transliterate`), with "-2", "-3" … where a sibling has it already.
"""

import re

from django.utils.text import slugify

from wagtail.models import Page

from bangla.transliterate import latin

MAX_LENGTH = 80


def readable_slug(title, title_en=""):
    """The address of a page with this title: "nalakup-sthapan" for "নলকূপ স্থাপন"."""
    slug = slugify(title_en or "") or slugify(latin(title or ""))
    return slug[:MAX_LENGTH].rstrip("-") or "page"


def is_garbled(slug):
    """A slug with letters outside ASCII (what the browser made from a Bangla title)."""
    return bool(slug) and not slug.isascii()


def made_by_browser(slug, title):
    """Whether `slug` is what the browser makes of `title` with Bangla left out: its Latin
    letters and digits only, joined by dashes ("----" for an all-Bangla title)."""
    return _alphanumerics(slug) == _alphanumerics(title)


def _alphanumerics(text):
    return re.sub(r"[^a-z0-9]", "", (text or "").lower())


def free_slug(slug, parent, page=None):
    """`slug`, or `slug-2`, `slug-3` … whichever no sibling under `parent` has."""
    if parent is None:
        return slug
    candidate, suffix = slug, 1
    while not Page._slug_is_available(candidate, parent, page):
        suffix += 1
        candidate = f"{slug}-{suffix}"
    return candidate


class ReadableSlugFormMixin:
    """For a Wagtail page form: a new page whose slug was left to the browser gets the readable
    one, free among its siblings, so a retry after a failed or autosaved first try is never
    refused for a slug its own earlier draft took. A slug someone typed for an existing page is
    kept (its address is in use), unless it is a garbled Bangla one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            # Left empty, the server makes it from the title.
            self.fields["slug"].required = False

    def clean(self):
        data = self.cleaned_data
        title = data.get("title") or ""
        slug = data.get("slug") or ""
        is_new = self.instance.pk is None
        left_to_browser = made_by_browser(slug, title) or is_garbled(slug)
        if "slug" in self.fields and title and (is_garbled(slug) or (is_new and left_to_browser)):
            data["slug"] = free_slug(
                readable_slug(title, data.get("title_en", "")), self.parent_page, self.instance
            )
        return super().clean()


def replace_junk_slug(sender, instance, **kwargs):
    """Any page saved with a slug that says nothing ("----", the browser's rendering of an
    all-Bangla title) or with Bangla letters in it gets the readable one instead, whatever its
    type and form; a slug someone chose in Latin letters is never touched."""
    if not isinstance(instance, Page) or not instance.slug:
        return
    if re.search(r"[a-z0-9]", instance.slug) and not is_garbled(instance.slug):
        return
    parent = instance.get_parent() if instance.path else None
    title_en = getattr(instance, "title_en", "")
    instance.slug = free_slug(readable_slug(instance.title, title_en), parent, instance)
    if parent is not None:
        instance.set_url_path(parent)
