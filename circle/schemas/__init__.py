"""Published schemas of the files circle writes, shipped as package data."""
