#!/bin/sh
# Serve the data read-only with Datasette: tables, views, full-text search, SQL queries and the JSON API (CORS on,
# so any page may read it), and no writes (the database is opened immutable; no plugin that writes is installed).
#   deploy/datasette/serve.sh [OUT_DIR] [DATA_FILE]      (HOST and PORT from the environment; 127.0.0.1:8001)
# Run it from the repository with its virtualenv active (datasette: pip install -r requirements-dev.txt).
set -eu
out="${1:-datasette-data}"
python -m components export "$out" ${2:+"$2"}
exec datasette serve --immutable "$out/events.db" --metadata "$out/metadata.json" --cors \
    --host "${HOST:-127.0.0.1}" --port "${PORT:-8001}" \
    --setting sql_time_limit_ms 2000 --setting max_returned_rows 5000 --setting allow_download on
