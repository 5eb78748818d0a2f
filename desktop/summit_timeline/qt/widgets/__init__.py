"""One widget per module; widgets talk through ``ViewState``, never to each other."""
