"""QPainter code every painter shares: the style table's shapes, the legend, fonts; and
the vector painter of the scene that exports, slides and handouts use."""
