"""geo: the offline gazetteer, toponym recognition and resolution, and event location."""
