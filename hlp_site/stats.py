"""Headline figures for the home page, counted from the data on each request's cache miss."""

from django.apps import apps

from places.models import Area


def headline_figures():
    """Counts shown on the home page; each app contributes its own through `stats.figures()`."""
    figures = {"lgis": Area.objects.lgis().count()}
    for app_label in ("practices",):
        if apps.is_installed(app_label):
            from importlib import import_module

            try:
                module = import_module(f"{app_label}.stats")
            except ModuleNotFoundError:
                continue
            figures.update(module.figures())
    return figures
