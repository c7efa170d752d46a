"""Career conversations between a manager and a report: agenda, private answers, agreements, notes.

The person answers privately and chooses, answer by answer, what the manager sees; agreements
name the hours of work they change and are reviewed later against the person's journal.
"""
