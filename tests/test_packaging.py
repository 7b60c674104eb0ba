"""The wheel's metadata: a license file, classifiers, and a version the CLI reports."""

from __future__ import annotations

import tomllib
from importlib.metadata import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_project_ships_its_license_and_says_what_it_is() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE"]
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")
    assert "Typing :: Typed" in project["classifiers"]
    assert "Programming Language :: Python :: 3.11" in project["classifiers"]


def test_the_installed_metadata_carries_the_license_expression() -> None:
    installed = metadata("mesa-types")
    assert installed["License-Expression"] == "MIT"
    assert "Intended Audience :: Science/Research" in installed.get_all("Classifier", [])
