"""QPainter code shared by the presenter and the exports: vector painting of the scene."""
