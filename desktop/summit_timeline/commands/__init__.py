"""Window-less commands behind ``summit-timeline COMMAND``."""
