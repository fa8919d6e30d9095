"""The situations a message is written for; each checker rule says which ones it applies to.

This module imports nothing heavy, so the command line can offer the
situations as choices before it loads the model.
"""

from __future__ import annotations

from typing import Literal, get_args

Situation = Literal[
    "first-contact",
    "linkedin-invitation",
    "referral-request",
    "known-contact",
    "thank-you",
    "follow-up",
    "reply",
    "candidate-to-recruiter",
]
SITUATIONS: tuple[Situation, ...] = get_args(Situation)
