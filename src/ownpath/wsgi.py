"""WSGI entry point for serving ownpath behind a production server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ownpath.settings")
application = get_wsgi_application()
