"""The embedded default: what `make run` serves on a developer's or newcomer's machine."""

from .base import *  # noqa: F403

DEBUG = True
