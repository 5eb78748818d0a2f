"""Map geometry without Qt: the world's country outlines and the projections
that put them, and the places of a timeline, on a flat page."""
