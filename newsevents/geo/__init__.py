"""geo: the offline gazetteer, toponym recognition and resolution, and event location.

- :class:`~newsevents.geo.gazetteer.Gazetteer`: GeoNames places and a curated supplement;
- :class:`~newsevents.geo.component.GeoComponent`: the ``geo`` pipeline stage;
- :func:`resolve_toponyms`: resolution of given toponym spans (to score it apart from
  recognition).
"""

from newsevents.geo.component import GeoComponent, resolve_toponyms
from newsevents.geo.gazetteer import Gazetteer, GazetteerEntry

__all__ = ["GeoComponent", "Gazetteer", "GazetteerEntry", "resolve_toponyms"]
