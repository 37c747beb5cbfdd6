"""Sections that other apps add to a practice page.

Data flows one way (`practices` ← `workshops`, `registry`), so a practice page cannot ask the
apps that build on it for their part. Instead each such app registers a section here when it
starts: a template and a function that gives that template its context for one practice, or
None when the app has nothing to show for it.

A section goes at one of the page's places (its slot): `SPREAD`, at the head of “where it was
replicated”, or `END`, after the circulars, both kept in the fragment cache per data version; or
`FOR_USER`, after those, for a section that depends on who is signed in (never cached).
"""

from collections.abc import Callable
from dataclasses import dataclass

SPREAD = "spread"
END = "end"
FOR_USER = "for-user"


@dataclass(frozen=True)
class Section:
    """A part of the practice page drawn by another app."""

    template: str
    context: Callable  # (request, practice) -> dict, or None to leave the section out
    slot: str = END


_sections: list[Section] = []


def register(template, context, slot=END):
    """Add a section to every practice page at `slot`, after the ones registered before it."""
    section = Section(template, context, slot)
    if section not in _sections:
        _sections.append(section)


def for_practice(request, practice, slot=END):
    """[(template, context)] of the sections at `slot` that have something to show for
    `practice`."""
    drawn = []
    for section in _sections:
        if section.slot != slot:
            continue
        context = section.context(request, practice)
        if context is not None:
            drawn.append((section.template, context))
    return drawn
