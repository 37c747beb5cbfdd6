"""What the search app announces to the rest of the portal."""

from django.dispatch import Signal

# Sent when documents were written to or removed from the indexes: what a search answers may
# have changed (cached search pages are made again).
documents_changed = Signal()
