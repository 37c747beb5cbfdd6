"""The embedded default: what `make run` serves on a developer's or newcomer's machine."""

import os

from .base import *  # noqa: F403

DEBUG = True

# Templates and code change under a developer's hands: pages are made afresh unless asked.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))
FRAGMENT_CACHE_SECONDS = int(os.environ.get("FRAGMENT_CACHE_SECONDS", "0"))
