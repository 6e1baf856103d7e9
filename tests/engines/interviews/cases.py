"""People, zones and horizons shared by the interview engine tests."""

from datetime import UTC, datetime, timedelta

from handoff.engines.interviews.availability import WEEKDAYS, Availability, candidate_hours, weekly

MONDAY = datetime(2026, 3, 2, tzinfo=UTC)  # the week before the US changes to summer time (8 March)
TWO_WEEKS = MONDAY + timedelta(days=14)

ANA_MANILA = Availability("ana", "Ana Reyes", "Asia/Manila", weekly(WEEKDAYS, ("09:00", "18:00")))
BOB_WARSAW = Availability("bob", "Bob Nowak", "Europe/Warsaw", weekly(WEEKDAYS, ("09:00", "17:00")))
CARA_LONDON = Availability(
    "cara", "Cara Hale", "Europe/London", weekly(WEEKDAYS, ("08:00", "12:30"), ("13:30", "18:00"))
)
DEV_NEW_YORK = Availability("dev", "Dev Patel", "America/New_York", weekly(WEEKDAYS, ("09:00", "17:00")))
CANDIDATE_NEW_YORK = candidate_hours("America/New_York")
CANDIDATE_LONDON = candidate_hours("Europe/London")


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[arg-type, misc]
