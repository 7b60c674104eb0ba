"""Sphinx configuration of the documentation site (``make docs``).

The pages are the Markdown files beside this one (MyST); the API reference is
built from the docstrings; the notebooks in ``notebooks/`` are MyST text
notebooks, executed at every build, so a notebook that stops working breaks the
build. Warnings are errors (``-W`` in the Makefile): a link to a page or
heading that does not exist, or a page left out of the table of contents,
fails the build.
"""

from __future__ import annotations

import sys
from importlib.metadata import version as _version
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
import figures

project = "mesa-types"
author = "The mesa-types developers"
copyright = "2026, The mesa-types developers"
release = _version("mesa-types")

extensions = [
    "myst_nb",  # Markdown pages and executable text notebooks (includes myst-parser)
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",  # Google-style docstrings
    "sphinx.ext.viewcode",
]

exclude_patterns = ["_build", "**/.ipynb_checkpoints"]
myst_heading_anchors = 3  # [text](page.md#a-heading) links are checked too
suppress_warnings = ["myst.header"]

nb_execution_mode = "force"
nb_execution_raise_on_error = True
nb_execution_timeout = 300
nb_execution_show_tb = True

autodoc_default_options = {"members": True, "imported-members": True, "show-inheritance": False}
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_class_signature = "separated"
napoleon_google_docstring = True
napoleon_numpy_docstring = False

html_theme = "furo"
html_title = f"mesa-types {release}"


def _draw_figures(app: Any) -> None:
    figures.draw_all(Path(app.srcdir) / "_generated")


def setup(app: Any) -> None:
    """Draw the pages' figures with the library's own code before the pages are read."""
    app.connect("builder-inited", _draw_figures)
