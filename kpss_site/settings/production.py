"""Production: DEBUG off; SECRET_KEY and ALLOWED_HOSTS must come from the environment."""

import environ

from .base import *  # noqa: F403

# A schema-less reader: base.py's development defaults must not fill in for production.
_required = environ.Env()

DEBUG = False
SECRET_KEY = _required("SECRET_KEY")
ALLOWED_HOSTS = _required.list("ALLOWED_HOSTS")
KPSS_ENVIRONMENT = "production"
