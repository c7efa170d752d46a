"""The JSON API under /api/ (django-ninja): the same services as the pages and the CLI."""
