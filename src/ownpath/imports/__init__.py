"""Imports: bring history in from calendars (.ics), Daylio, spreadsheets and ownpath exports.

The parsers in this package (ics, daylio, generic_csv, detect) are pure: bytes in, plain
records and located problems out. The Django side (models, services) saves them.
"""
