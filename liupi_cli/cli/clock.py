"""The one place liupi reads the clock: at the command-line edge, never in the core.

``LIUPI_TODAY=2023-07-21`` stands in for the system date, so a missed cron job can be re-run as of the day
it should have run (and tests can pin the date).
"""

from __future__ import annotations

import datetime as dt
import os

from liupi_cli.errors import UsageProblem
from liupi_cli.messages import msg


def today() -> dt.date:
    given = os.environ.get("LIUPI_TODAY", "").strip()
    if not given:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(given)
    except ValueError:
        raise UsageProblem(msg("clock.today_not_date", given=repr(given)), msg("clock.today_not_date.hint")) from None
