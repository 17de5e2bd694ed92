"""The sample news the main job reads (`./dev run`), shipped inside the package."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

# 89 Voice of America stories (public domain; see README.md here for the credit VOA asks for).
VOA_SAMPLE = Path(str(files("newsevents.data") / "voa-stories.jsonl.gz"))
