"""E-mail through Django's e-mail framework, sent by the background worker.

SMTP comes from the environment (OWNPATH_EMAIL_*); without it, messages go to the console.
"""
