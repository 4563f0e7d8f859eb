"""Running the app: the web worker count (gunicorn, bench, load) and the SQLite online backup."""
