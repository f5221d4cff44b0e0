"""Demo learners (with masked ID numbers and face seeds) and console users."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from app.demo.names import COUNTIES, GIVEN_FEMALE, GIVEN_MALE, SURNAMES
from app.domain.enums import LicenceClass, Post, Programme, ScopeLevel
from app.domain.geography import Workspace
from app.domain.masking import mask_id_number
from app.domain.people import EnrolmentPhoto, Learner, Scope, User

# GB 11643 check digit: weights of the first 17 digits, and each remainder's character.
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

_LICENCE_WEIGHTS: tuple[tuple[LicenceClass, float], ...] = (
    (LicenceClass.C1, 0.58),
    (LicenceClass.C2, 0.12),
    (LicenceClass.B2, 0.10),
    (LicenceClass.A2, 0.06),
    (LicenceClass.B1, 0.05),
    (LicenceClass.A1, 0.04),
    (LicenceClass.D, 0.03),
    (LicenceClass.A3, 0.02),
)
_PHONE_PREFIXES = ("138", "139", "158", "159", "187", "188", "136", "135", "180", "189", "199")


@dataclass(frozen=True, slots=True)
class DemoLearner:
    learner: Learner
    face_seed: int  # renders the same synthetic face on every machine (app.demo.faces)


def id_check_digit(first17: str) -> str:
    return _ID_CHECK[sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def person_name(rng: random.Random, male: bool) -> str:
    surname = rng.choices([s for s, _ in SURNAMES], weights=[w for _, w in SURNAMES])[0]
    pool = GIVEN_MALE if male else GIVEN_FEMALE
    length = 1 if rng.random() < 0.3 else 2
    return surname + "".join(rng.choice(pool) for _ in range(length))


def _masked_id(rng: random.Random, region: str, today: date, male: bool) -> str:
    # Drivers aged 22–62, drawn in days, so `today` shifts dates but never the draws.
    birth = today - timedelta(days=rng.randint(22 * 365, 62 * 365))
    sequence = rng.randrange(0, 500) * 2 + (1 if male else 0)  # odd = male, even = female
    first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
    return mask_id_number(first17 + id_check_digit(first17))


def build_learners(rng: random.Random, count: int, today: date, media_dir: Path) -> list[DemoLearner]:
    county_weights = [spec.learner_weight for spec in COUNTIES]
    learners: list[DemoLearner] = []
    for learner_id in range(1, count + 1):
        county_index = rng.choices(range(len(COUNTIES)), weights=county_weights)[0]
        male = rng.random() < 0.86  # most drivers reaching 12 points are men
        programme = Programme.FULL_SCORE if rng.random() < 0.7 else Programme.REVIEW
        full_scores = rng.choices((1, 2, 3), weights=(0.86, 0.11, 0.03))[0]
        photo = EnrolmentPhoto(
            id=learner_id,
            learner_id=learner_id,
            path=str(media_dir / "photos" / "enrol" / f"{learner_id}.jpg"),
            captured_on=today - timedelta(days=rng.randint(10, 400)),
        )
        learner = Learner(
            id=learner_id,
            name=person_name(rng, male),
            id_number_masked=_masked_id(rng, COUNTIES[county_index].code, today, male),
            licence_class=rng.choices(
                [c for c, _ in _LICENCE_WEIGHTS], weights=[w for _, w in _LICENCE_WEIGHTS]
            )[0],
            programme=programme,
            county_id=county_index + 1,
            # 满分次数 only matters for 满分教育; 审验 learners keep the domain default of 1.
            full_score_count=full_scores if programme is Programme.FULL_SCORE else 1,
            phone_masked=f"{rng.choice(_PHONE_PREFIXES)}****{rng.randint(0, 9999):04d}",
            photos=[photo],
        )
        learners.append(DemoLearner(learner, face_seed=rng.randrange(2**31)))
    return learners


def build_users(rng: random.Random, workspace: Workspace, acceptance_sites: int = 6) -> list[User]:
    """Every post: 监督岗 and 值班领导 for the city, a 管理岗 per county, 受理岗 at a few sites."""
    users: list[User] = []

    def add(login: str, post: Post, scope: Scope) -> None:
        users.append(User(len(users) + 1, login, person_name(rng, rng.random() < 0.6), post, scope))

    for n in range(1, 4):
        add(f"jiandu{n:02d}", Post.SUPERVISOR, Scope.city())
    for n, county in enumerate(workspace.counties, start=1):
        add(f"guanli{n:02d}", Post.COUNTY_MANAGER, Scope(ScopeLevel.COUNTY, county_id=county.id))
    for n, site in enumerate(
        sorted(rng.sample(workspace.sites, acceptance_sites), key=lambda s: s.id), start=1
    ):
        add(
            f"shouli{n:02d}",
            Post.ACCEPTANCE,
            Scope(ScopeLevel.SITE, county_id=site.county_id, site_id=site.id),
        )
    for n in range(1, 3):
        add(f"zhiban{n:02d}", Post.DUTY_MANAGER, Scope.city())
    return users
