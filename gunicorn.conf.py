"""gunicorn's settings for the web process. gunicorn reads ./gunicorn.conf.py when it starts in the project's
directory, as the Procfile's and the README's web commands do; options on the command line win."""

from assessments.operations.serving import web_workers

workers = web_workers()  # WEB_CONCURRENCY, else two per CPU plus one
