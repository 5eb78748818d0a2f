"""pyqtgraph items for the timeline: one item per kind of drawing, never one per event."""
