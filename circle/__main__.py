"""Let `python -m circle` run the command line."""

from circle.launch import main

main()
