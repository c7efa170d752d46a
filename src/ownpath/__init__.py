"""ownpath: a private work journal that learns what energizes and drains you."""

__version__ = "0.1.0"
