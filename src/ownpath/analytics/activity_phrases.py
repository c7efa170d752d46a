"""Short hand-written phrases per built-in activity: the classifier's shipped training text.

Written for ownpath (not copied from anywhere): how people title calendar events and
describe a stretch of work. They teach the text classifier the everyday vocabulary that
O*NET's formal task language lacks; the person's own assignments soon outweigh them.
"""

from __future__ import annotations

ACTIVITY_PHRASES: dict[str, tuple[str, ...]] = {
    "selling": (
        "sales call with prospect", "product demo for a customer", "pitch to investors",
        "closing the deal", "pricing proposal", "renewal conversation with account",
        "upsell meeting", "prospecting calls", "persuade stakeholders to approve",
        "sales pipeline review", "win the account", "quote and proposal for lead",
    ),
    "managing": (
        "weekly 1:1 with report", "one on one", "performance review", "hiring interview",
        "interview candidate", "team staffing plan", "promotion calibration",
        "feedback conversation with direct report", "delegate work to the team",
        "team health check", "motivate the team", "onboarding a new hire plan",
        "skip level meeting", "headcount planning",
    ),
    "coaching": (
        "mentoring session", "coaching a junior colleague", "teach a workshop",
        "training new staff", "pairing to teach", "run a training course",
        "office hours for questions", "develop skills of others", "tutoring",
        "give a lesson", "mentor check in",
    ),
    "analysis": (
        "data analysis", "build a spreadsheet model", "analyse metrics", "dashboard numbers",
        "forecast revenue", "statistical model", "cost estimate", "calculate figures",
        "sql query for report numbers", "analyse survey results", "budget numbers analysis",
    ),
    "research": (
        "user research interviews", "literature review", "investigate root cause",
        "read papers", "gather information from sources", "market research",
        "experiment to find out", "background research", "study competitors",
        "explore options and compare",
    ),
    "writing": (
        "write documentation", "draft the report", "write a blog post", "edit article",
        "write spec", "meeting notes and minutes", "write proposal document",
        "update the wiki", "newsletter draft", "write release notes", "record findings",
    ),
    "presenting": (
        "give a presentation", "conference talk", "present results to leadership",
        "keynote rehearsal", "slide deck presentation", "all hands presentation",
        "explain the findings to the team", "webinar as speaker", "brown bag talk",
    ),
    "advising": (
        "advise client on strategy", "consulting session", "expert advice call",
        "recommendations for stakeholders", "answer questions as expert",
        "give guidance to another team", "architecture advice", "consultation",
    ),
    "customers": (
        "customer call", "client meeting", "support ticket with customer",
        "customer onboarding", "client check in", "account management call",
        "customer escalation", "help desk", "serve customers", "public inquiries",
    ),
    "meetings": (
        "daily standup", "team sync", "status update meeting", "weekly team meeting",
        "sprint planning meeting", "retro", "retrospective", "all hands",
        "cross team coordination", "project check in", "staff meeting", "catch up with peers",
    ),
    "planning": (
        "quarterly planning", "roadmap planning", "strategy offsite", "set OKRs",
        "prioritise backlog", "project plan and schedule", "plan next quarter",
        "goal setting", "organise the work", "schedule resources", "strategy session",
    ),
    "deciding": (
        "decision meeting", "incident review", "solve the problem", "troubleshoot issue",
        "go no go decision", "evaluate options and decide", "debug production incident",
        "compliance review", "approve or reject", "judge quality of work",
    ),
    "creating": (
        "brainstorm ideas", "design session", "sketch new concept", "ux design",
        "creative workshop", "design review of mockups", "ideation", "invent new approach",
        "draw wireframes", "artwork and illustration",
    ),
    "building": (
        "focus time coding", "write code", "build prototype", "implement feature",
        "deploy release", "fix bugs", "repair equipment", "assemble hardware",
        "programming", "set up servers", "code review and refactor", "hands on building",
    ),
    "negotiating": (
        "contract negotiation", "negotiate terms", "resolve conflict", "mediate dispute",
        "handle complaint", "salary negotiation", "vendor negotiation", "settle disagreement",
    ),
    "relationships": (
        "coffee chat", "networking event", "lunch with colleague", "meetup",
        "stay in touch with contacts", "team social", "introductions call",
        "relationship building", "happy hour",
    ),
    "caring": (
        "help a colleague in trouble", "support someone through a hard time",
        "care for patients", "assist a coworker", "first aid", "volunteer support",
        "wellbeing check", "look after visitors",
    ),
    "admin": (
        "expenses", "timesheets", "email triage", "inbox zero", "fill in forms",
        "book travel", "paperwork", "filing documents", "invoice processing",
        "admin tasks", "update records", "calendar cleanup",
    ),
    "monitoring": (
        "on call", "monitor dashboards and alerts", "quality inspection", "audit",
        "check the budget", "review logs", "inspect equipment", "track progress against plan",
        "watch the system", "compliance checks",
    ),
    "learning": (
        "online course", "study for certification", "read a book to learn",
        "attend a conference as listener", "tutorial", "learn new skill",
        "training as participant", "reading group", "webinar to learn", "self study",
    ),
    "travel": (
        "flight", "train to office", "commute", "drive to client site", "travel to conference",
        "airport", "taxi", "business trip", "drive the van",
    ),
}
