"""Team decisions: track fit, mentorship matching, work allocation and the organisation's pooled prior."""
