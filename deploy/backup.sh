#!/bin/sh
# Nightly backup of the PostgreSQL database (custom format, compressed) and of the uploaded files.
# Usage: deploy/backup.sh [DEST]   (DATABASE_URL and PNETP_DATA_DIR from the environment, e.g. /etc/pnetp/pnetp.env)
# Keeps 14 days. The encryption keys are NOT in the backup: keep them apart (docs/deploy.md, "Chaves").
set -eu
dest=${1:-/var/backups/pnetp}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$dest"
umask 077
pg_dump --format=custom --compress=6 --no-owner --file="$dest/pnetp-$stamp.dump" "$DATABASE_URL"
if [ -d "${PNETP_DATA_DIR:-/var/lib/pnetp}/media" ]; then
    tar -C "${PNETP_DATA_DIR:-/var/lib/pnetp}" -czf "$dest/pnetp-media-$stamp.tar.gz" media
fi
find "$dest" -name 'pnetp-*' -mtime +14 -delete
echo "$dest/pnetp-$stamp.dump"
