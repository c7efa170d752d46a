"""Background jobs: django-tasks on its database backend, the worker, and periodic jobs.

Slow or scheduled work (e-mails, reminders, nudges) is enqueued as a django-tasks task and run
by `ownpath worker` (which `ownpath serve` starts alongside the web app in local use).
"""
