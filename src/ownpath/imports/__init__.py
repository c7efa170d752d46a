"""Imports: bring history in from calendars (.ics), Daylio, spreadsheets and ownpath exports.

``parsers`` are pure (bytes in, plain records and located problems out, no Django);
``formats`` holds one planner per format behind a registry; ``planning`` plans a file and
applies the plan; ``rules`` assigns activities; ``rating`` turns waiting events into
episodes; ``uploads`` and ``runs`` are the web's preview-then-confirm and background imports.
"""
