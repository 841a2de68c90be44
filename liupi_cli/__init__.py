"""liupi: track a county's annual plan targets and tasks against recorded actuals.

The package root is the core library. It never prints, exits or imports the
command-line layer (``liupi_cli.cli``).
"""

__version__ = "0.1.0"
