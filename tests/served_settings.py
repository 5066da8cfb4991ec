"""Settings for the app served by a subprocess in the reliability tests: production settings,
except static files without the hashed manifest (tests run without collectstatic)."""

from loopbrug.settings import *  # noqa: F403

STORAGES = STORAGES | {  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
}
