"""Pictures and text of gridworlds: mazes with paths, search trees, fitness curves, verdicts.

The picture writers use matplotlib (the ``plot`` extra), imported inside each
function, so importing this package is cheap and works without it. Every
writer picks PNG, SVG or PDF from the suffix of the path it is given.
"""

from search.render.figures import PICTURE_FORMATS, PictureFormat, picture_format
from search.render.fitness import fitness_band, save_fitness_png
from search.render.gaps import save_objectives_png
from search.render.phase import save_phase_png
from search.render.pictures import draw_maze, episode_path, render_text, save_maze_png
from search.render.trees import save_tree_png, tree_layout
from search.render.verdicts import draw_verdict, verdict_figure, wanted_path

__all__ = [
    "PICTURE_FORMATS",
    "PictureFormat",
    "draw_maze",
    "draw_verdict",
    "episode_path",
    "fitness_band",
    "picture_format",
    "render_text",
    "save_fitness_png",
    "save_maze_png",
    "save_objectives_png",
    "save_phase_png",
    "save_tree_png",
    "tree_layout",
    "verdict_figure",
    "wanted_path",
]
