"""The vocabulary of profiles: interests and languages to pick from, skills to suggest."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

INTEREST_CHOICES = [
    ("digital inclusion", _l("Digital inclusion")),
    ("green transition", _l("Green transition")),
    ("circular economy", _l("Circular economy")),
    ("social inclusion", _l("Social inclusion")),
    ("energy communities", _l("Energy communities")),
    ("food waste", _l("Food waste")),
    ("refugee integration", _l("Refugee integration")),
    ("elderly care", _l("Elderly care")),
    ("rural development", _l("Rural development")),
    ("accessibility", _l("Accessibility")),
    ("education", _l("Education")),
    ("mobility", _l("Mobility")),
]

LANGUAGE_CHOICES = [
    ("en", "English"), ("de", "Deutsch"), ("it", "Italiano"), ("ro", "Română"), ("sv", "Svenska"),
    ("es", "Español"), ("pt", "Português"), ("nl", "Nederlands"), ("fr", "Français"),
]

SKILL_SUGGESTIONS = (
    "python", "javascript", "ux design", "data analysis", "machine learning", "hardware", "gis",
    "business modelling", "impact measurement", "circular economy", "community management", "storytelling",
    "accessibility", "legal", "fundraising", "project management", "marketing", "energy systems",
)
