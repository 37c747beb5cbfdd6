"""Where uploaded files live: under MEDIA_ROOT/imports/, with no public address.

The files may hold personal data, so the storage refuses to make a URL for them; users reach
them only through views that check who is asking.
"""

from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateImportStorage(FileSystemStorage):
    @property
    def base_location(self):
        return str(Path(settings.MEDIA_ROOT) / "imports")

    @property
    def location(self):
        return str(Path(self.base_location).resolve())

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Import files have no public URL.")


@cache
def private_storage():
    return PrivateImportStorage()
