"""Options that several `newsevents` commands share, written once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from newsevents.pipeline import DEFAULT_STAGES
from newsevents.store.backends import DEFAULT_DB

F = TypeVar("F", bound=Callable[..., Any])

STAGES_OPTION = click.option(
    "--stages",
    default=",".join(DEFAULT_STAGES),
    show_default=True,
    help="Comma-separated pipeline stages to run after extraction ('' for text only).",
)
PRIVATE_OPTION = click.option(
    "--allow-private-urls",
    is_flag=True,
    help="Let the URL fetcher reach loopback, private and link-local addresses.",
)
DB_OPTION = click.option(
    "--db",
    default=DEFAULT_DB,
    show_default=True,
    help="A DuckDB file, or postgresql://user:password@host:port/database.",
)


def item_timeout_option(command: F) -> F:
    """--item-timeout: the time budget of one item at each stage (``newsevents.budget``)."""
    return click.option(
        "--item-timeout",
        type=click.FloatRange(min=0),
        metavar="SECONDS",
        help="Seconds one item may take at each stage before it fails, 0 for no limit "
        "(default: $NEWSEVENTS_ITEM_TIMEOUT, else 60).",
    )(command)
