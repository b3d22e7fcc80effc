"""Let `python -m circle` run the command line."""

from circle.cli import main

main()
