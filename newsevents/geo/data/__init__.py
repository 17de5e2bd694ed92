"""Curated gazetteer data (TSV files), shipped with the package."""
