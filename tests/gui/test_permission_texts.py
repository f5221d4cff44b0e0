"""Every refusal of the permission matrix has words, in English and in the shipped zh_CN catalogue."""

from __future__ import annotations

from app.domain.permissions import Action, Denial, PermissionDenied
from app.playback.permissions import ReviewPermissionError
from app.playback.review_model import ReviewDenial
from widgets.permission_texts import action_text, refusal_text
from widgets.recordings.review_texts import failure_text

CASES = [(action, denial) for action in Action for denial in Denial]


def test_every_refusal_is_worded_in_english(qapp) -> None:
    texts = {refusal_text(PermissionDenied(action, denial)) for action, denial in CASES}
    assert len(texts) == len(CASES) and not any("%1" in t for t in texts)
    assert refusal_text(PermissionDenied(Action.DISMISS, Denial.POST_CANNOT)) == (
        "Your post may not dismiss events as false alarms."
    )


def test_every_refusal_is_worded_in_chinese(chinese) -> None:
    for action, denial in CASES:
        text = refusal_text(PermissionDenied(action, denial))
        assert "%1" not in text and not any("a" <= c.lower() <= "z" for c in text), text
    assert action_text(Action.WATCH) == "查看录像"
    assert refusal_text(PermissionDenied(Action.CONFIRM, Denial.POST_CANNOT)) == "您的岗位无权确认违规。"


def test_the_recordings_pane_says_what_was_refused(qapp) -> None:
    refused = ReviewPermissionError(ReviewDenial.OUTSIDE_SCOPE, "camera 5", Action.EXPORT)
    assert failure_text(refused) == "Outside your area: you may not export evidence here."
    not_owner = ReviewPermissionError(ReviewDenial.NOT_OWNER, "bookmark 3", Action.WATCH)
    assert failure_text(not_owner) == "Only its author or a duty manager may change this."
