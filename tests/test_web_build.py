"""The dashboard libraries shipped in the package are what `npm ci && npm run build` makes."""

from __future__ import annotations

import filecmp
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "newsevents" / "web" / "static" / "vendor"


@pytest.mark.skipif(shutil.which("npm") is None, reason="npm is not installed")
def test_the_shipped_dashboard_is_the_build_of_the_lock_file(tmp_path: Path) -> None:
    source = tmp_path / "web"
    shutil.copytree(REPO / "web", source, ignore=shutil.ignore_patterns("node_modules"))
    built = tmp_path / "vendor"
    for command in (["npm", "ci", "--no-audit", "--no-fund"], ["node", "build.mjs", str(built)]):
        subprocess.run(command, cwd=source, check=True, capture_output=True, timeout=600)
    comparison = filecmp.dircmp(built, SHIPPED)
    differing: list[str] = []

    def collect(c: filecmp.dircmp[str], prefix: str) -> None:
        differing.extend(prefix + name for name in c.left_only + c.right_only + c.diff_files)
        for name, sub in c.subdirs.items():
            collect(sub, f"{prefix}{name}/")

    collect(comparison, "")
    assert differing == [], "rebuild with: cd web && npm ci && npm run build"
