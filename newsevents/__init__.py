"""newsevents: read the world's news and turn it into event data."""

__version__ = "0.1.0"
