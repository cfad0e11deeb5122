"""The SVG charts' geometry (portal_statistics.charts): pure functions, no database."""

from portal_statistics import charts


def test_labels_wrap_between_words_and_between_chinese_characters():
    english = charts.wrap("Electrical and Mechanical Services Department", 15, 200)
    assert " ".join(english) == "Electrical and Mechanical Services Department" and len(english) > 1
    assert all(charts.text_width(line, 15) <= 200 for line in english)
    chinese = charts.wrap("機電工程署推動節能減少製冷機用電", 15, 100)
    assert "".join(chinese) == "機電工程署推動節能減少製冷機用電"
    assert [len(line) for line in chinese] == [6, 6, 4]  # six characters of 15 units in 100


def test_bars_are_scaled_to_the_largest_value_and_each_has_its_value_written():
    chart = charts.bars(
        [("Energy", [4, 2], ""), ("Robotics", [0, 1], "a note")], ["Wishes", "Solutions"], lambda row, n: f"v{row}{n}"
    )
    bars = [rect for rect in chart.rects if rect.tooltip]
    room = charts.WIDTH - 2 * charts.PAD - charts.VALUE_ROOM
    assert [(rect.width, rect.series, rect.tooltip) for rect in bars] == [
        (room, 0, "Energy: v00"),
        (room / 2, 1, "Energy: v01"),
        (room / 4, 1, "Robotics: v11"),  # no bar for nought, but its value is written
    ]
    written = [text.text for text in chart.texts]
    assert written[:2] == ["Wishes", "Solutions"]  # the legend
    assert {"Energy", "Robotics", "a note", "v00", "v01", "v10", "v11"} <= set(written)
    assert chart.height > max(rect.y + rect.height for rect in chart.rects)
    assert max(text.x + charts.text_width(text.text, text.size) for text in chart.texts) <= charts.WIDTH


def test_columns_have_a_round_scale_and_years_that_stay_inside_the_chart():
    assert [charts.nice_step(n) for n in (0, 3, 4, 7, 18, 45, 130)] == [1, 1, 1, 2, 5, 20, 50]
    values = [0] * 35 + [9]
    chart = charts.columns(values, [f"m{n}" for n in range(36)], {0: "2024", 35: "2026"})
    assert [rect.tooltip for rect in chart.rects] == ["m35"]  # a column only where there is a value
    ticks = [text.text for text in chart.texts if text.anchor == "end" and text.text.isdigit() and len(text.text) < 3]
    assert ticks == ["0", "5", "10"]
    last_year = next(text for text in chart.texts if text.text == "2026")
    assert last_year.anchor == "end" and last_year.x == charts.WIDTH  # it would stick out at its January
