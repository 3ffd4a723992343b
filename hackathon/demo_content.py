"""The demo Social Impact Hackathon's content: fictional but realistic people, organisations, challenges, agenda.

The texts are data, in demo_content.json next to this file (edit them there; the seeder reads them once). This
module gives them the names the seeders use, and two helpers for drawing names and weighted choices.
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

DATA = Path(__file__).with_name("demo_content.json")


def _frozen(value: Any) -> Any:
    """JSON arrays as tuples, all the way down: the content is read, never changed."""
    if isinstance(value, list):
        return tuple(_frozen(item) for item in value)
    if isinstance(value, dict):
        return {key: _frozen(item) for key, item in value.items()}
    return value


_content: dict[str, Any] = {key: _frozen(value) for key, value in json.loads(DATA.read_text("utf-8")).items()}

EVENT: dict[str, str] = _content["event"]
# Names by ISO country code (combinations are random, so nobody real is meant).
FIRST_NAMES: dict[str, tuple[str, ...]] = _content["first_names"]
LAST_NAMES: dict[str, tuple[str, ...]] = _content["last_names"]
ORGANISATIONS: tuple[dict[str, str], ...] = _content["organisations"]
SKILLS: tuple[str, ...] = _content["skills"]
INTERESTS: tuple[str, ...] = _content["interests"]
DIETARY: tuple[tuple[str, float], ...] = _content["dietary"]  # (text, weight)
ACCESSIBILITY: tuple[tuple[str, float], ...] = _content["accessibility"]
CHALLENGES: tuple[dict[str, Any], ...] = _content["challenges"]
TEAM_NAMES: tuple[str, ...] = _content["team_names"]
TEAM_PITCHES: tuple[str, ...] = _content["team_pitches"]
MENTOR_PROFILES: tuple[dict[str, Any], ...] = _content["mentor_profiles"]
JUDGING_CRITERIA: tuple[dict[str, Any], ...] = _content["judging_criteria"]  # guide: {"score": meaning}
HELP_REQUESTS: tuple[tuple[str, str], ...] = _content["help_requests"]  # (topic, what was tried)
AGENDA: tuple[dict[str, Any], ...] = _content["agenda"]


def full_name(rng: random.Random, country: str) -> str:
    """A random plausible name for a country code; Spanish and Portuguese names get two surnames."""
    code = country if country in FIRST_NAMES else "DE"
    first = rng.choice(FIRST_NAMES[code])
    if code in {"ES", "PT"}:
        return f"{first} {' '.join(rng.sample(LAST_NAMES[code], 2))}"
    return f"{first} {rng.choice(LAST_NAMES[code])}"


def weighted_choice(rng: random.Random, pairs: Sequence[tuple[str, float]]) -> str:
    """Pick the text of one (text, weight) pair with probability proportional to its weight."""
    total = sum(weight for _, weight in pairs)
    point = rng.random() * total
    for text, weight in pairs:
        point -= weight
        if point < 0:
            return text
    return pairs[-1][0]
