"""Every folder of tests is collected by a bare `pytest` (what `make test` and CI run).

A new app whose tests are missing from `testpaths` would pass CI without a single one of its tests running.
"""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _testpaths() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return set(config["tool"]["pytest"]["ini_options"]["testpaths"])


def test_every_app_with_tests_is_collected():
    folders = {path.parent.parent.name for path in ROOT.glob("*/tests/test_*.py") if ".venv" not in path.parts}
    missing = sorted(folders - _testpaths())
    assert not missing, f"add these to [tool.pytest.ini_options] testpaths in pyproject.toml: {missing}"


def test_tests_folder_itself_is_collected():
    assert "tests" in _testpaths()
