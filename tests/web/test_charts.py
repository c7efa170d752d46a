"""Charts are pure functions from data to accessible SVG (no Django, no database)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ownpath.web import charts

SVG = "{http://www.w3.org/2000/svg}"
ROWS = [{"label": "Research & investigating", "estimate": 0.9, "low": 0.6, "high": 1.2, "episodes": 40},
        {"label": "Managing <people>", "estimate": -1.2, "low": -1.6, "high": -0.8, "episodes": 12},
        {"label": "Planning", "estimate": 0.1, "low": -0.4, "high": 0.6, "episodes": 3}]


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_forest_chart_is_valid_svg_with_a_title_and_a_description_of_every_number():
    root = _parse(charts.forest_chart(ROWS))
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert "Research & investigating: +0.90 (90% interval +0.60 to +1.20, 40 entries)" in desc.text
    assert "Managing <people>" in desc.text  # escaped in the markup, intact when read


def test_forest_chart_colours_by_where_the_interval_lies_not_by_the_point():
    assert charts.effect_colour(0.9, 0.6, 1.2) == charts.GOOD
    assert charts.effect_colour(-1.2, -1.6, -0.8) == charts.BAD
    assert charts.effect_colour(0.1, -0.4, 0.6) == charts.NEUTRAL
    svg = charts.forest_chart(ROWS)
    assert svg.count(f'fill="{charts.GOOD}"/>') == 1 and svg.count(f'fill="{charts.NEUTRAL}"/>') == 1


def test_quadrant_chart_names_each_activitys_quadrant_in_words():
    svg = charts.quadrant_chart([{"label": "Selling", "energy": 1.0, "skill": 0.8, "quadrant": "compensable_strength"},
                                 {"label": "Managing", "energy": -1.0, "skill": 0.5, "quadrant": "trap_strength"}])
    desc = _parse(svg).find(f"{SVG}desc").text
    assert "Selling: energy +1.00, skill +0.80, energizes you, good at it" in desc
    assert "Managing: energy -1.00, skill +0.50, good at it, but drains you" in desc


def test_weekly_hours_chart_draws_the_target_and_marks_long_weeks():
    svg = charts.weekly_hours_chart([{"week": "2026-W01", "hours": 38}, {"week": "2026-W02", "hours": 55}], 40)
    assert "your target 40 h" in svg
    assert svg.count(f'fill="{charts.BAD}"/>') == 1
    _parse(svg)


def test_trend_chart_leaves_a_gap_for_a_week_without_entries():
    svg = charts.trend_chart([{"week": "W1", "energy": 0.5}, {"week": "W2", "energy": None}, {"week": "W3", "energy": -0.2}])
    assert "W2: no entries" in _parse(svg).find(f"{SVG}desc").text


def test_share_bar_and_faces_render_for_every_level():
    _parse(charts.share_bar([("growth", 0.3, charts.GOOD), ("required", 0.7, charts.ACCENT)], title="t", chart_id="s"))
    for level in range(-2, 3):
        assert _parse(charts.face_svg(level)).get("aria-hidden") == "true"


def test_empty_data_still_gives_valid_svg():
    for svg in (charts.forest_chart([]), charts.quadrant_chart([]), charts.weekly_hours_chart([], 40),
                charts.trend_chart([])):
        _parse(svg)


def test_quadrant_labels_are_placed_without_overlap_even_when_points_crowd():
    points = [(180 + (i % 3), 150 + (i % 2), f"Activity number {i}") for i in range(12)]
    spots = charts.place_labels(points, (20, 20, 340, 320))
    boxes = [s["box"] for s in spots if s]
    assert len(boxes) >= 6
    assert not any(charts._overlaps(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    assert all(20 <= b[0] and b[2] <= 340 and 20 <= b[1] and b[3] <= 320 for b in boxes)


def test_weeks_are_labelled_by_the_date_of_their_monday():
    assert charts.week_label({"week": "2026-W37", "start": "2026-09-07"}) == "7 Sep"
    svg = charts.weekly_hours_chart([{"week": "2026-W37", "start": "2026-09-07", "hours": 38}], 40)
    assert "7 Sep" in svg and "W37" not in svg


def test_point_labels_keep_clear_of_the_axes_and_every_point_keeps_a_label():
    from ownpath.web.charts import _overlaps, place_labels

    axis = (199, 20, 201, 320)  # a vertical axis at x = 200
    points = [(205, 100, "Meetings & coordination"), (195, 140, "Managing people"), (210, 180, "Planning & strategy"),
              (190, 220, "Writing & documenting")]
    spots = place_labels(points, (10, 20, 460, 320), [], avoid=[axis])
    assert all(spots)
    assert not any(_overlaps(spot["box"], axis) for spot in spots)
