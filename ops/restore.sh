#!/usr/bin/env bash
# Restore a backup made by ops/backup.sh into a FRESH database and an empty media folder.
#
#   DATABASE_URL=postgres://user:pass@host:5432/hlp_restored MEDIA_ROOT=/srv/hlp/media-restored \
#       ops/restore.sh [--create-database] BACKUP_DIR
#
# Refuses to write into a database that already has tables or a media folder that is not
# empty: a restore never mixes with live data. With --create-database the database is created
# first (the user in DATABASE_URL needs CREATEDB). The dump is restored in one transaction, so
# a failed restore leaves the database empty. Afterwards run ops/smoke.sh against it.
set -euo pipefail

usage() {
    echo "usage: DATABASE_URL=postgres://... MEDIA_ROOT=dir $0 [--create-database] BACKUP_DIR" >&2
    exit 2
}
create=0
if [ "${1:-}" = "--create-database" ]; then create=1; shift; fi
[ $# -eq 1 ] || usage
backup="$1"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
media="${MEDIA_ROOT:-$repo/media}"

case "${DATABASE_URL:-}" in
    postgres://*|postgresql://*) ;;
    *) echo "restore: DATABASE_URL must point at PostgreSQL (got '${DATABASE_URL:-}')" >&2; exit 2 ;;
esac
for f in database.dump media.tar.gz SHA256SUMS; do
    [ -f "$backup/$f" ] || { echo "restore: $backup/$f is missing: not a complete backup" >&2; exit 1; }
done
(cd "$backup" && sha256sum --quiet --check SHA256SUMS) \
    || { echo "restore: checksums do not match: the backup is damaged" >&2; exit 1; }

if [ -e "$media" ] && [ -n "$(ls -A "$media" 2>/dev/null)" ]; then
    echo "restore: media folder $media is not empty; restore into a new, empty folder" >&2
    exit 1
fi

# The database name is the URL's path; the same server's "postgres" database is used to create it.
url_no_query="${DATABASE_URL%%\?*}"
dbname="${url_no_query##*/}"
server_url="${url_no_query%/*}/postgres"
[ -n "$dbname" ] || { echo "restore: DATABASE_URL names no database" >&2; exit 2; }

if [ "$create" = 1 ]; then
    # Commands on stdin, not -c: psql substitutes :'name' (quoted safely) only there.
    exists="$(echo "SELECT 1 FROM pg_database WHERE datname = :'name'" \
        | psql "$server_url" -tAq -v name="$dbname")"
    if [ "$exists" != 1 ]; then
        echo 'CREATE DATABASE :"name"' | psql "$server_url" -q -v ON_ERROR_STOP=1 -v name="$dbname"
    fi
fi

tables="$(psql "$DATABASE_URL" -tAq \
    -c "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")"
if [ "$tables" != 0 ]; then
    echo "restore: database $dbname already has $tables tables; restore into a fresh database" >&2
    exit 1
fi

pg_restore --no-owner --no-acl --exit-on-error --single-transaction \
    --dbname="$DATABASE_URL" "$backup/database.dump"

# Unpack beside the target and rename, so the media folder appears complete or not at all.
parent="$(dirname "$media")"
mkdir -p "$parent"
staging="$(mktemp -d "$parent/.hlp-media-restore.XXXXXX")"
trap 'rm -rf "$staging"' EXIT
tar -C "$staging" -xzf "$backup/media.tar.gz"
[ -d "$media" ] && rmdir "$media"
mv "$staging" "$media"
chmod 755 "$media"
trap - EXIT
echo "restored $backup into database $dbname and $media"
