"""Rating arithmetic, pure: the rounding rule for the average lives here and nowhere else."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

MIN_STARS = 1
MAX_STARS = 5
TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class RatingSummary:
    """How many readers voted and the sum of their stars; everything shown derives from these."""

    votes: int = 0
    total_stars: int = 0

    @property
    def average(self) -> Decimal:
        """Mean stars rounded half-up to two places (4.3526 -> 4.35, 4.345 -> 4.35); 0 with no votes."""
        if not self.votes:
            return Decimal("0.00")
        return (Decimal(self.total_stars) / Decimal(self.votes)).quantize(TWO_PLACES, ROUND_HALF_UP)

    @property
    def fill_percent(self) -> Decimal:
        """How much of the five-star row is filled, from the rounded average shown beside it."""
        return (self.average * 100 / MAX_STARS).quantize(TWO_PLACES, ROUND_HALF_UP)

    @property
    def text(self) -> str:
        """The words beside the stars, e.g. "156 votes, average 4.35 out of 5"."""
        if not self.votes:
            return "No votes yet"
        noun = "vote" if self.votes == 1 else "votes"
        return f"{self.votes} {noun}, average {self.average} out of {MAX_STARS}"
