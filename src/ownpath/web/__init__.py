"""The web app for a person: accounts, quick log, journal, insights, values, options, report."""
