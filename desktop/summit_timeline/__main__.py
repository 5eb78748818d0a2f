"""``python -m summit_timeline``."""

from summit_timeline.app import main

raise SystemExit(main())
