"""Qt item models that adapt the core's arrays instead of copying rows."""
