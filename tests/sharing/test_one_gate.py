"""One read gate: no module but ``sharing.gate`` writes the access log or reads another person's rows.

A static scan of ``src/ownpath`` (the AST, so comments and strings do not count). The project's
convention is that every service takes the acting person first; a query on a person's private
rows (journal, settings, values, options, own words, answers, stored insights) or a call of a
function that reads them is allowed only for that first parameter (or ``request.user``).
Anything else must go through ``sharing.gate``. The allow-list names the few other places that
may, and why; a new entry there is a design decision, not a fix.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "ownpath"
GATE = "sharing/gate.py"

# Models holding one person's private data, and the fields that name whose they are.
PERSONAL_MODELS = {"Episode", "PersonSettings", "Activity", "ValuesProfile", "ValueAnswer", "Option",
                   "OptionActivity", "CareerWish", "StoredInsights", "AggregateContribution", "Answer",
                   "WeeklyReflection", "CareerPath"}
OWNER_FIELDS = {"user", "person", "owner", "user_id", "person_id", "owner_id", "user__in", "person__in",
                "owner__in", "user_id__in", "person_id__in", "owner_id__in", "item__conversation"}
# Functions that read a person's private rows for the person they are given.
PERSONAL_READERS = {"insights_of", "build_insights", "settings_for", "episodes_for", "energy_effects_for",
                    "journal_state", "values_summary", "values_profile_for", "options_for", "activity_labels",
                    "career_wish_of", "current_week", "_skill_detail", "assemble", "refresh_stored_insights",
                    "preview", "export_journal"}
QUERY_METHODS = {"filter", "get", "exclude", "first", "values", "values_list", "aggregate", "get_or_create",
                 "update_or_create", "update", "delete", "exists", "count"}
ACCESS_LOG_WRITES = {"create", "bulk_create", "update", "get_or_create", "update_or_create", "delete"}

# module: why it may read people's rows other than the acting person's (checked to still need it).
ALLOWED = {
    GATE: "the read gate itself",
    "sharing/profile.py": "assembles an item from its owner's own data (called by the gate, and by the owner "
                          "for their own preview) and refits sharers' stored insights in the background",
    "sharing/aggregates.py": "anonymous figures: each person's clamped contribution, released only as "
                             "noised figures over at least five people (analytics.private_release)",
    "sharing/tasks.py": "background job: refits each sharer's own stored insights",
    "reminders/services.py": "background job: each person's own reminder, from their own journal",
    "cli/imports.py": "_confirm_daylio_mapping(console, user, ...) is handed the CLI's acting user",
}


def _modules():
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if "/migrations/" in rel:
            continue
        yield rel, ast.parse(path.read_text(), rel)


def _call_name(func) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _root_model(node) -> str | None:
    """For ``Episode.objects.filter(...)...`` the model name ``Episode``."""
    while isinstance(node, (ast.Attribute, ast.Call)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def _is_acting(arg, acting: set[str]) -> bool:
    if isinstance(arg, ast.Constant) and arg.value is None:
        return True  # built-in rows belong to nobody
    if isinstance(arg, ast.Name):
        return arg.id in acting
    if isinstance(arg, ast.Attribute) and isinstance(arg.value, ast.Name):
        # request.user, or the acting person's own id (user.pk / person.id)
        return (arg.value.id == "request" and arg.attr == "user") or (arg.value.id in acting and arg.attr in ("pk", "id"))
    return False


def _acting_names(func) -> set[str]:
    """The acting person's names in a function: its first parameter, and locals bound to request.user or
    the CLI's acting user (``context.acting_user()``)."""
    params = [a.arg for a in func.args.posonlyargs + func.args.args if a.arg not in ("self", "cls")]
    acting = {params[0]} if params else set()
    for node in _own_nodes(func):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            value = node.value
            if (isinstance(value, ast.Attribute) and isinstance(value.value, ast.Name)
                    and value.value.id == "request" and value.attr == "user") \
                    or (isinstance(value, ast.Call) and _call_name(value.func) == "acting_user"):
                acting.add(node.targets[0].id)
    return acting


def _own_nodes(func):
    """The nodes of a function's body, not those of functions defined inside it."""
    stack = list(func.body)
    while stack:
        node = stack.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                stack.append(child)


def _violations_in(rel: str, tree) -> list[str]:
    found = []
    for func in (n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))):
        acting = _acting_names(func)
        for node in _own_nodes(func):
            if not isinstance(node, ast.Call):
                continue
            name = _call_name(node.func)
            if name in PERSONAL_READERS and node.args and not _is_acting(node.args[0], acting):
                found.append(f"{rel}:{node.lineno} {func.name}() calls {name}({ast.unparse(node.args[0])})")
            if name in QUERY_METHODS and _root_model(node.func) in PERSONAL_MODELS:
                for kw in node.keywords:
                    if kw.arg in OWNER_FIELDS and not _is_acting(kw.value, acting):
                        found.append(f"{rel}:{node.lineno} {func.name}() queries {_root_model(node.func)} "
                                     f"{kw.arg}={ast.unparse(kw.value)}")
    return found


def _access_log_writes(rel: str, tree) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Name) and node.func.id == "AccessLog":
                found.append(f"{rel}:{node.lineno} builds an AccessLog row")
            name = _call_name(node.func)
            if name in ACCESS_LOG_WRITES and _root_model(node.func) == "AccessLog":
                found.append(f"{rel}:{node.lineno} AccessLog.objects.{name}()")
            if name in ACCESS_LOG_WRITES and isinstance(node.func, ast.Attribute) \
                    and isinstance(node.func.value, ast.Attribute) and node.func.value.attr in ("reads", "access_log"):
                found.append(f"{rel}:{node.lineno} writes the access log through a relation")
    return found


def test_only_the_gate_writes_the_access_log():
    writers = [hit for rel, tree in _modules() if rel != GATE for hit in _access_log_writes(rel, tree)]
    assert writers == []


def test_the_scan_sees_the_gates_own_access_log_writes():
    # The scan cannot pass by seeing nothing: the gate's own write is found.
    gate = ast.parse((SRC / GATE).read_text())
    assert _access_log_writes(GATE, gate)


def test_no_module_but_the_gate_reads_another_persons_rows():
    reads = [hit for rel, tree in _modules() if rel not in ALLOWED for hit in _violations_in(rel, tree)]
    assert reads == []


def test_every_allowed_module_still_needs_its_entry():
    # An allow-list entry that no longer reads anyone's rows is removed, so the list stays honest.
    trees = dict(_modules())
    unused = [rel for rel in ALLOWED if rel != GATE and (rel not in trees or not _violations_in(rel, trees[rel]))]
    assert unused == []


def test_the_scan_finds_a_read_of_someone_elses_journal():
    planted = ast.parse("def page(viewer, person):\n    return Episode.objects.filter(user=person)\n"
                        "def other(viewer, person):\n    return insights_of(person)\n"
                        "def log(viewer, owner):\n    AccessLog.objects.create(viewer=viewer, owner=owner)\n")
    assert len(_violations_in("planted.py", planted)) == 2
    assert _access_log_writes("planted.py", planted)
