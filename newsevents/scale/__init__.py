"""scale: the pipeline over many cores and machines (``newsevents batch`` on Dask, ``load``)
and over time (``newsevents watch``)."""
