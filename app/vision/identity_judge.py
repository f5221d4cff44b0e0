"""Whose face a track shows: the identity half of the tracker (app/vision/tracker.py keeps the tracks).

One camera's judge holds the class roster (enrolment photos), the verification threshold and the
session templates (app/vision/session_templates.py), and answers for a track's checks:
- `single`: who one check is, by the photos, unless that learner's session template rejects it;
- `disagrees`: whether a check argues the track's face changed (another identity, far from the
  track's face, that the track's learner's photo does not still hold within the band; or the
  learner's photo but beyond the learner's own spread from their template);
- `votes_decide`: whether the disagreeing checks in a row outvote the track's identity (two strong
  votes at once, weak ones only once they have lasted `weak_vote_span_s`);
- `identity`: the identity of the track's agreeing checks, held through a borderline learner's wander
  around the threshold, never the learner whose face the votes replaced unless they are back;
- `learn_template`: a confident agreeing check joins the learner's template.

Not thread-safe: owned by one FaceTracker, in the analysis coordinator thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from app.vision.face_engine import Embedding, distance
from app.vision.face_track import Track
from app.vision.roster import Match, Roster
from app.vision.session_templates import SessionTemplates
from app.vision.tracker_settings import TrackerSettings


class IdentityJudge:
    def __init__(self, roster: Roster, threshold: float, settings: TrackerSettings) -> None:
        self.roster = roster
        self.threshold = threshold
        self.settings = settings
        self._templates = SessionTemplates(
            min_views=settings.template_min,
            size=settings.template_size,
            radius=settings.template_distance,
        )

    def set_roster(self, roster: Roster, threshold: float | None) -> bool:
        """A new roster (True: a new session, the templates start again) or a new threshold."""
        new_session = roster is not self.roster
        if new_session:
            self._templates.clear()
        self.roster = roster
        if threshold is not None:
            self.threshold = threshold
        return new_session

    @property
    def band(self) -> float:
        """The hysteresis band's edge, threshold × (1 + `identity_hysteresis`): a settled identity
        holds within it, and a face just beyond the threshold but within it is not yet a stranger."""
        return self.threshold * (1.0 + self.settings.identity_hysteresis)

    def single(self, embedding: Embedding) -> Match:
        """One check: the photos' match, without a learner whose session template rejects it."""
        return self.not_template(self.roster.match(embedding, self.threshold), [embedding])

    def template_distance(self, learner_id: int, embeddings: Sequence[Embedding]) -> float | None:
        """Mean distance of `embeddings` from `learner_id`'s session template; None: no strong template."""
        return self._templates.distance(learner_id, embeddings)

    def not_template(self, match: Match, embeddings: Sequence[Embedding]) -> Match:
        """`match` with its learner L dropped when the faces are far from L's session template: inside
        L's enrolment threshold, yet not the person this camera has been seeing as L."""
        if match.learner_id is None or not self._templates.rejects(match.learner_id, embeddings):
            return match
        return replace(match, learner_id=None)

    def learn_template(self, track: Track, embedding: Embedding) -> None:
        """An agreeing check of a track confidently identified as L joins L's session template."""
        match = track.match
        if (
            match is None
            or match.learner_id is None
            or match.distance is None
            or len(track.checks) < self.settings.settle_checks
            or match.distance > self.threshold * self.settings.template_confidence
        ):
            return
        self._templates.admit(match.learner_id, embedding)

    def identity(self, track: Track, changed: bool) -> Match:
        """The roster match of the track's mean distance, holding a settled learner identity through
        the mean's wander around the threshold (see `identity_hysteresis`), never the learner whose
        face the track's votes replaced (`Track.replaced`) unless that learner is back."""
        return self._not_replaced(track, self._held_identity(track, changed))

    def rematch(self, track: Track) -> Match:
        """The track's identity against a new roster or threshold: its recent checks matched afresh
        (no identity held), still never the learner its votes replaced unless they are back."""
        checks = list(track.checks)
        return self._not_replaced(
            track, self.not_template(self.roster.match_many(checks, self.threshold), checks)
        )

    def _not_replaced(self, track: Track, match: Match) -> Match:
        replaced = track.replaced
        if replaced is None or match.learner_id != replaced:
            return match
        if self._back(replaced, list(track.checks)):
            track.replaced = None
            return match
        return replace(match, learner_id=None)

    def _back(self, learner_id: int, checks: Sequence[Embedding]) -> bool:
        """Whether the checks are the learner's own classroom face: within `template_doubt` of their
        session template, or (no template yet) confidently within the photo's threshold."""
        apart = self.template_distance(learner_id, checks)
        if apart is not None:
            return apart <= self.settings.template_doubt
        mean = self.roster.mean_distance(checks, learner_id)
        return mean is not None and mean <= self.threshold * self.settings.template_confidence

    def _held_identity(self, track: Track, changed: bool) -> Match:
        checks = list(track.checks)
        match = self._first_looks(self.roster.match_many(checks, self.threshold), checks)
        held = track.match.learner_id if track.match is not None and not changed else None
        if held is None or match.learner_id == held or len(checks) <= self.settings.settle_checks - 1:
            return self.not_template(match, checks)
        mean = self.roster.mean_distance(checks, held)
        if mean is None or mean > self.band:
            return self.not_template(match, checks)
        second = match if match.nearest_learner_id != held else None
        return self.not_template(
            Match(
                learner_id=held,
                distance=mean,
                nearest_learner_id=match.nearest_learner_id,
                second_best_learner_id=None if second is None else second.nearest_learner_id,
                second_best_distance=None if second is None else second.distance,
            ),
            checks,
        )

    def _first_looks(self, match: Match, checks: list[Embedding]) -> Match:
        """A young face whose mean sits in the hysteresis band of its nearest learner N is N when one
        of its checks alone is within the threshold: what it would be had that check come first (the
        first check decides, then the band holds). Order must not decide who someone is: a learner at
        the threshold (the demo's learner 67: single checks 0.36-0.44 against 0.397) was called a
        stranger or identified by which frame happened to be looked at first."""
        nearest = match.nearest_learner_id
        if match.learner_id is not None or nearest is None or len(checks) > self.settings.grey_checks:
            return match
        if not self.in_band(nearest, checks):
            return match
        if not any(self.roster.match(check, self.threshold).learner_id == nearest for check in checks):
            return match
        return replace(match, learner_id=nearest)

    def in_band(self, learner_id: int | None, embeddings: Sequence[Embedding]) -> bool:
        """Within the hysteresis band of `learner_id` (`band`)."""
        if learner_id is None:
            return False
        mean = self.roster.mean_distance(embeddings, learner_id)
        return mean is not None and mean <= self.band

    def disagrees(self, track: Track, embedding: Embedding, single: int | None) -> bool:
        """A check far from the track's face that another identity takes, or that the learner's photo
        takes but their session template doubts (`template_doubt`). Not a check another learner's
        photo takes while the track's learner L still holds it within the band (`ambiguous`)."""
        current = track.match.learner_id if track.match is not None else None
        face = track.face
        if face is None or distance(face, embedding) <= self.settings.change_distance:
            return False
        if single != current:
            return not self.ambiguous(current, single, embedding)
        apart = None if current is None else self.template_distance(current, [embedding])
        return apart is not None and apart > self.settings.template_doubt

    def ambiguous(self, current: int | None, single: int | None, embedding: Embedding) -> bool:
        """Whether a check that learner B's photo takes is still learner L's (`current`) as far as the
        photos can tell: within L's band (where a settled identity holds), and not rejected by L's
        session template. Which of two photos is a little nearer says nothing.

        Why: a class enrols ~20 learners and a camera shows a few; synthetic faces (and real ones at a
        1:1 threshold) lie near several photos. On the demo's unscripted cameras (the replay's room 8,
        bench/tracker_replay.py --classmates 16) a learner sitting up lay nearer an absent classmate's
        photo than his own and, bent over his desk, nearer his own: each pose voted the other out, and
        the rules raised a FACE_MISMATCH "matching another learner" below the threshold, on a camera
        where nobody had moved. A substitute far from L's classroom views is still told apart (the
        template rejects him), and one beyond L's band is a strong vote as before."""
        if current is None or single is None:
            return False
        return self.in_band(current, [embedding]) and not self._templates.rejects(current, [embedding])

    def votes_decide(self, track: Track, at: datetime) -> bool:
        """Whether the track's disagreeing checks in a row say its face changed: `votes_to_change` strong
        votes among them, or `votes_to_change` votes of any strength spanning `weak_vote_span_s`."""
        settings = self.settings
        if len(track.pending) < settings.votes_to_change:
            return False
        current = track.match.learner_id if track.match is not None else None
        strong = sum(not self._weak_vote(current, vote) for vote in track.pending)
        if strong >= settings.votes_to_change:
            return True
        since = track.pending_since
        return since is not None and at - since >= timedelta(seconds=settings.weak_vote_span_s)

    def _weak_vote(self, learner_id: int | None, embedding: Embedding) -> bool:
        """A check against learner L that only the threshold or L's session template doubts:
        - L's photo takes it and L's template does not reject it (`disagrees` has already asked it to
          lie beyond `template_doubt`; beyond `template_distance` the template rejects: strong). A
          look-alike stays there; L looking down passes through.
        - Or nobody is within the threshold, L's photo is within threshold × (1 + `weak_vote_margin`),
          and L's session template (if any) within `weak_vote_template`.

        Why: a learner near the threshold leaves it with the pose. The demo's learner 201, 0.36-0.39 from
        his photo facing the camera, lies 0.41-0.45 from it while looking down at the desk (~4 s of each
        12 s), and 0.23-0.27 from his upright views (over `change_distance`): two such checks in a row
        voted his own face "someone else" and raised a FACE_MISMATCH. Which learner is a little nearer
        says nothing out there (another mover, looking down, lay 0.449 from his photo and 0.427 from a
        neighbour's). A substitute who resembles L's photo gives weak votes too, so they are not ignored:
        they must last longer than a look at the desk."""
        if learner_id is None:
            return False
        by_photo = self.roster.match(embedding, self.threshold).learner_id
        if by_photo == learner_id:  # L's photo takes it; L's session template doubts it, or rejects it
            return not self._templates.rejects(learner_id, [embedding])
        if by_photo is not None:
            return False  # another learner's face (within L's band it is no vote at all: `disagrees`)
        settings = self.settings
        apart = self.roster.mean_distance([embedding], learner_id)
        if apart is None or apart > self.threshold * (1.0 + settings.weak_vote_margin):
            return False
        from_template = self.template_distance(learner_id, [embedding])
        return from_template is None or from_template <= settings.weak_vote_template
