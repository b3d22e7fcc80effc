"""circle: run peer-group mastermind circles from a terminal."""

__version__ = "0.1.0"
