"""Opt-in reminders: a daily nudge to log, a weekly reflection, by e-mail and as a calendar feed."""
