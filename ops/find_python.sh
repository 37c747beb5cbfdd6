#!/bin/sh
# The Python interpreter the Makefile builds its venv with: Python 3.11 to 3.13.
#
#     sh ops/find_python.sh [PYTHON]
#
# With an argument (the Makefile passes PYTHON when it is given), that interpreter, which must be
# a supported version. Without one, the newest supported interpreter on PATH: python3.13,
# python3.12, python3.11, then python3 when its version is within range. (Under pyenv, only the
# versions pyenv has switched on answer: `pyenv global 3.13.0 3.11.7`, say.)
#
# Prints the interpreter's full path on stdout and one line on stderr saying which it is. When
# there is none, prints one line saying what to install on stdout instead (the Makefile stops
# with it) and exits 1.

# "3.13.0 /usr/bin/python3.13" when $1 runs and is a supported version; else nothing.
supported() {
    "$1" -c 'import sys; v = sys.version_info
if (3, 11) <= v[:2] <= (3, 13): print("%d.%d.%d" % v[:3], sys.executable)' 2>/dev/null
}

found=
if [ -n "$1" ]; then
    found=$(supported "$1")
    how="PYTHON=$1"
    if [ -z "$found" ]; then
        echo "PYTHON=$1 is not a working Python 3.11 to 3.13: install python3.13, or give another PYTHON="
        exit 1
    fi
else
    for candidate in python3.13 python3.12 python3.11 python3; do
        found=$(supported "$candidate")
        [ -n "$found" ] && break
    done
    how="the newest supported on PATH; PYTHON=... chooses another"
    if [ -z "$found" ]; then
        echo "No Python 3.11 to 3.13 found: install python3.13 (or 3.12, 3.11) with its venv module (Debian and Ubuntu: python3.13-venv), or give PYTHON=/path/to/python"
        exit 1
    fi
fi
echo "Python ${found%% *} at ${found#* } ($how)" >&2
echo "${found#* }"
