"""Sections that other apps add to a practice page.

Data flows one way (`practices` ← `workshops`, `registry`), so a practice page cannot ask the
apps that build on it for their part. Instead each such app registers a section here when it
starts: a template and a function that gives that template its context for one practice, or
None when the app has nothing to show for it.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    """A part of the practice page drawn by another app."""

    template: str
    context: Callable  # (request, practice) -> dict, or None to leave the section out


_sections: list[Section] = []


def register(template, context):
    """Add a section to every practice page, after the ones registered before it."""
    section = Section(template, context)
    if section not in _sections:
        _sections.append(section)


def for_practice(request, practice):
    """[(template, context)] of the sections that have something to show for `practice`."""
    drawn = []
    for section in _sections:
        context = section.context(request, practice)
        if context is not None:
            drawn.append((section.template, context))
    return drawn
