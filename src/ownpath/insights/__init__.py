"""Insights: what energizes and drains a person, what they are best at, and their balance."""
