"""Gap-to-target reports: ``build_report`` returns a typed model; renderers turn it into formats."""

from liupi_cli.report.build import build_report, check_period
from liupi_cli.report.model import Report, Row

__all__ = ["build_report", "check_period", "Report", "Row"]
