"""Compile every Bangla .po file of the project (its pages' and its admin scripts') to its .mo,
without needing GNU gettext.

python -m hlp_site.i18n_compile          # write the .mo files
python -m hlp_site.i18n_compile --check  # exit 1 if a .mo is missing or out of date
"""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def po_files():
    return sorted(
        path
        for domain in ("django", "djangojs")
        for path in ROOT.glob(f"**/locale/*/LC_MESSAGES/{domain}.po")
        if ".venv" not in path.parts and "site-packages" not in path.parts
    )


def compiled(po_path):
    """The catalogue's translations as the .mo would hold them (msgid → msgstr)."""
    return {
        entry.msgid: entry.msgstr
        for entry in polib.pofile(str(po_path))
        if entry.translated() and not entry.obsolete
    }


def is_current(po_path):
    mo_path = po_path.with_suffix(".mo")
    if not mo_path.exists():
        return False
    mo = {entry.msgid: entry.msgstr for entry in polib.mofile(str(mo_path)) if entry.msgid}
    return mo == compiled(po_path)


def main(argv):
    stale = []
    for po_path in po_files():
        if "--check" in argv:
            if not is_current(po_path):
                stale.append(po_path)
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
        print(f"compiled {po_path.relative_to(ROOT)}")
    for path in stale:
        print(f"out of date: {path.relative_to(ROOT)} (run `make messages`)")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
