#!/usr/bin/env bash
# Back up the portal: the PostgreSQL database (pg_dump custom format) and the media folder.
#
#   DATABASE_URL=postgres://user:pass@host:5432/hlp MEDIA_ROOT=/srv/hlp/media \
#       ops/backup.sh /var/backups/hlp
#
# Writes DEST/hlp-backup-<UTC timestamp>/ with database.dump, media.tar.gz and SHA256SUMS,
# and prints that directory's path. The directory appears only when every part is complete,
# so a failed or interrupted run never leaves something that looks like a backup.
set -euo pipefail

usage() { echo "usage: DATABASE_URL=postgres://... [MEDIA_ROOT=dir] $0 DEST_DIR" >&2; exit 2; }
[ $# -eq 1 ] || usage
dest="$1"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
media="${MEDIA_ROOT:-$repo/media}"

case "${DATABASE_URL:-}" in
    postgres://*|postgresql://*) ;;
    *) echo "backup: DATABASE_URL must point at PostgreSQL (got '${DATABASE_URL:-}')" >&2; exit 2 ;;
esac
command -v pg_dump >/dev/null || { echo "backup: pg_dump not found (install postgresql-client)" >&2; exit 1; }

mkdir -p "$dest"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
final="$dest/hlp-backup-$stamp"
[ ! -e "$final" ] || { echo "backup: $final already exists" >&2; exit 1; }
work="$(mktemp -d "$dest/.hlp-backup-$stamp.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# Custom format: compressed, restorable table by table, independent of owners and grants.
pg_dump --format=custom --no-owner --no-acl --file="$work/database.dump" --dbname="$DATABASE_URL"

if [ -d "$media" ]; then
    tar -C "$media" -czf "$work/media.tar.gz" .
else
    # A portal that never received an upload still gets a (empty) media archive.
    tar -czf "$work/media.tar.gz" -T /dev/null
fi

{
    echo "created: $stamp"
    echo "pg_dump: $(pg_dump --version)"
    echo "media_files: $( [ -d "$media" ] && find "$media" -type f | wc -l || echo 0)"
} >"$work/MANIFEST"
(cd "$work" && sha256sum database.dump media.tar.gz MANIFEST >SHA256SUMS)

mv "$work" "$final"
trap - EXIT
echo "$final"
