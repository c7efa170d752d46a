"""The "what else drives your energy" and flow part of `ownpath insights`, in plain words."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape


def render_context(console: Console, context: dict | None) -> None:
    """Print the context findings, the flow shares and what is missing (the person's own screen)."""
    if not context:
        return
    console.print("[bold]What else drives your energy[/bold] "
                  f"({context['entries_with_context']} of {context['entries']} entries have context)")
    for finding in context["findings"]:
        console.print(f"  • {escape(finding['words'])}")
    if not context["findings"]:
        console.print("  Nothing clear yet beyond the activities.")
    for message in context["missing"]:
        console.print(f"  – {escape(message)}")
    flow = context["flow"]
    if flow["overall"]:
        overall = flow["overall"]
        console.print(f"[bold]Flow[/bold]: {overall['flow_entries']} of {overall['entries']} entries since "
                      f"{flow['since']} ({overall['share']:.0%}, 90% interval {overall['low']:.0%}–{overall['high']:.0%}).")
        for row in flow["activities"]:
            if row["more_than_usual"]:
                console.print(f"  • {escape(row['label'])} puts you in flow more than usual: {row['share']:.0%} "
                              f"[{row['low']:.0%}, {row['high']:.0%}] of {row['entries']} entries.")
    if flow["missing"]:
        console.print(f"  – {escape(flow['missing'])}")
