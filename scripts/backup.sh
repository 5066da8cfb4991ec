#!/usr/bin/env bash
# make backup: the database (pg_dump, custom format) and the uploads (a tar of var/media) into
# a new dated folder under var/backups. Restore with make restore BACKUP=<that folder>.
#   DATABASE_URL  the PostgreSQL database to back up (required)
#   BACKUP_ROOT   where the dated folders go (default var/backups)
#   MEDIA_DIR     the uploads (default var/media)
set -euo pipefail
: "${DATABASE_URL:?Zet DATABASE_URL op de PostgreSQL-database die je wilt backuppen.}"
case "$DATABASE_URL" in
  postgres://*|postgresql://*) ;;
  *) echo "make backup werkt met PostgreSQL (DATABASE_URL=postgres://...)." >&2; exit 1 ;;
esac
root="${BACKUP_ROOT:-var/backups}"
media="${MEDIA_DIR:-var/media}"
folder="$root/$(date +%Y-%m-%d_%H%M%S)"
mkdir -p "$folder"
chmod 700 "$folder"  # personal data
pg_dump --format=custom --no-owner --file="$folder/database.dump" "$DATABASE_URL"
if [ -d "$media" ]; then
  tar -C "$media" -czf "$folder/media.tar.gz" .
else
  tar -czf "$folder/media.tar.gz" --files-from /dev/null
fi
echo "Backup gemaakt: $folder"
