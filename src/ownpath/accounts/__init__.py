"""Accounts: what a person holds to act as themselves beyond the web session (personal API tokens)."""
