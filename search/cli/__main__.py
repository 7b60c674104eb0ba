"""``python -m search.cli``: the ``mesa-types`` command line."""

from search.cli.main import main

raise SystemExit(main())
