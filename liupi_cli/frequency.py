"""How often an indicator is reported. Its own module so that period arithmetic (liupi_cli.periods) does not
import pydantic through liupi_cli.models; models re-exports it."""

from __future__ import annotations

from enum import Enum


class Frequency(str, Enum):
    monthly = "monthly"
    quarterly = "quarterly"
    annual = "annual"
    once = "once"
