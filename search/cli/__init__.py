"""The ``mesa-types`` command line. A leaf: nothing in the library imports it."""
