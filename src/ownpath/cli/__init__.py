"""The `ownpath` command line: thin commands over the service layer."""
