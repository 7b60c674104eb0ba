"""Pictures and text of gridworlds: mazes with paths, search trees, fitness curves, verdicts.

The PNG writers use matplotlib (the ``plot`` extra), imported inside each
function, so importing this package is cheap and works without it.
"""

from search.render.phase import save_phase_png
from search.render.pictures import episode_path, render_text, save_fitness_png, save_maze_png
from search.render.trees import save_tree_png, tree_layout
from search.render.verdicts import draw_verdict, wanted_path

__all__ = [
    "draw_verdict",
    "episode_path",
    "render_text",
    "save_fitness_png",
    "save_maze_png",
    "save_phase_png",
    "save_tree_png",
    "tree_layout",
    "wanted_path",
]
