"""Allow `python -m components check`."""

from .cli import run

run()
