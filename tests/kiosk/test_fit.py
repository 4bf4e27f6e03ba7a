"""Rows of buttons give every caption the room it needs to stay on one line."""

from __future__ import annotations

import pytest

from kiosk.widgets.fit import share


def test_designed_proportions_stay_when_every_caption_fits() -> None:
    assert share(660, [1, 1, 1, 1, 1, 1.6], [60] * 6) == pytest.approx([100] * 5 + [160])


def test_a_long_caption_gets_its_need_and_the_rest_share_by_weight() -> None:
    widths = share(600, [1, 1, 1, 1, 1, 1], [50, 50, 50, 50, 180, 50])
    assert widths[4] == pytest.approx(180)
    assert widths[:4] == pytest.approx([84] * 4) and sum(widths) == pytest.approx(600)


def test_a_row_too_narrow_for_all_captions_shrinks_them_by_need() -> None:
    widths = share(300, [1, 1, 2], [100, 200, 300])
    assert widths == pytest.approx([50, 100, 150])


def test_an_empty_or_zero_width_row() -> None:
    assert share(0, [1, 1], [10, 10]) == [0.0, 0.0]
    assert share(100, [], []) == []


def test_cards_side_by_side_are_equally_tall(window: object, settle) -> None:
    from kivy.lang import Builder
    from kivy.properties import NumericProperty
    from kivy.uix.widget import Widget

    from kiosk.widgets.even import EvenRows

    class Card(Widget):
        natural_height = NumericProperty(0)
        row_height = NumericProperty(0)

    Builder.load_string(
        "<Card>:\n    size_hint_y: None\n    height: max(self.natural_height, self.row_height)"
    )
    grid = EvenRows(cols=2, size_hint_y=None)
    cards = [Card(natural_height=h) for h in (80, 120, 50)]
    for card in cards:
        grid.add_widget(card)
    window.add_widget(grid)  # type: ignore[attr-defined]
    try:
        settle()
        assert [card.height for card in cards] == [120, 120, 50]
        grid.cols = 1
        settle()
        assert [card.height for card in cards] == [80, 120, 50]
    finally:
        window.remove_widget(grid)  # type: ignore[attr-defined]
        Builder.unload_file("even-rows-test")
