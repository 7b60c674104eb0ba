"""One world built on mesa_types: gridworlds, search-tree mesa-optimizers, evolution."""
