#!/usr/bin/env bash
# make restore BACKUP=var/backups/<date>: the database dump into DATABASE_URL (tables that are
# there are replaced) and the uploads into var/media (files with the same name are replaced).
#   DATABASE_URL  the PostgreSQL database to restore into (required; best an empty one)
#   BACKUP        the dated folder made by make backup (required)
#   MEDIA_DIR     where the uploads go (default var/media)
set -euo pipefail
: "${DATABASE_URL:?Zet DATABASE_URL op de PostgreSQL-database waarin je wilt terugzetten.}"
: "${BACKUP:?Geef de backup-map op: make restore BACKUP=var/backups/<datum>}"
for part in database.dump media.tar.gz; do
  [ -f "$BACKUP/$part" ] || { echo "$BACKUP/$part ontbreekt: is dit een map van make backup?" >&2; exit 1; }
done
media="${MEDIA_DIR:-var/media}"
pg_restore --clean --if-exists --no-owner --exit-on-error --dbname="$DATABASE_URL" \
  "$BACKUP/database.dump"
mkdir -p "$media"
chmod 700 "$media"
tar -C "$media" -xzf "$BACKUP/media.tar.gz"
echo "Teruggezet uit $BACKUP"
