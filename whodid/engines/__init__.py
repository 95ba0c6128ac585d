"""Engines decide where the same pipeline stages run: this process, a worker pool, or Dask."""
