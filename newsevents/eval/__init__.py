"""eval: newsevents' own measuring instruments (`newsevents eval`, `newsevents bench`)."""
