"""Which camera each view plays: the rules of CameraSlots (plain state, no Qt)."""

from __future__ import annotations

from widgets.recordings.camera_slots import CameraSlots


def test_a_scope_fills_the_first_view_and_a_2x2_the_others() -> None:
    slots = CameraSlots()
    assert slots.fill_from_scope([7, 8, 9, 10, 11])
    assert slots.active == [7] and slots.selected_camera == 7
    assert slots.set_grid(4, [7, 8, 9, 10, 11])
    assert slots.active == [7, 8, 9, 10]
    assert not slots.fill_from_scope([9, 12])  # a scope still holding a played camera keeps them


def test_going_back_to_one_view_keeps_the_selected_camera() -> None:
    slots = CameraSlots()
    slots.fill_from_scope([7, 8, 9, 10])
    slots.set_grid(4, [7, 8, 9, 10])
    slots.selected = 2
    assert slots.set_grid(1, [])
    assert slots.active == [9] and slots.selected == 0


def test_putting_a_camera_already_shown_selects_its_view() -> None:
    slots = CameraSlots()
    slots.fill_from_scope([7, 8, 9, 10])
    slots.set_grid(4, [7, 8, 9, 10])
    slots.put(10)
    assert slots.selected == 3 and slots.active == [7, 8, 9, 10]
    slots.put(12)
    assert slots.active == [7, 8, 9, 12]
