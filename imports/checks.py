"""System check: import files must not be kept where a web server serves files."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, register

from .storage import FOLDER, private_root


def _inside(path: Path, folder) -> bool:
    if not folder:
        return False
    folder = Path(folder).resolve()
    return path == folder or folder in path.parents


@register()
def private_storage_is_private(app_configs, **kwargs):
    root = private_root().resolve()
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        if _inside(root / FOLDER, getattr(settings, name, None)):
            return [
                Error(
                    f"The private folder of import files ({root}) overlaps {name}, "
                    "which a web server serves.",
                    hint="Set PRIVATE_MEDIA_ROOT to a folder outside MEDIA_ROOT and STATIC_ROOT.",
                    id="imports.E001",
                )
            ]
    return []
