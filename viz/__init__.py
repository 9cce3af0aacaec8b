"""Offline HTML views of an ecox graph: five network views and the operator report.

Every function returns the page as a string; the CLI writes it. Pages carry
their scripts and styles inline and ask no other host for anything.

Examples
--------
>>> import ecox, viz
>>> page = viz.render(ecox.seed(), view="brokers", top=5)
>>> viz.remote_urls(page)
[]
"""

from ecox.viz.network import SIZE_BY, ViewInput, actor_scores, layout_positions, styled_network
from ecox.viz.page import esc, remote_urls, script_json
from ecox.viz.report import report
from ecox.viz.views import (
    VIEWS,
    NetworkView,
    brokers_view,
    ecosystem_view,
    ego_view,
    gaps_view,
    render,
    triads_view,
    view_page,
)

__all__ = [
    "SIZE_BY",
    "VIEWS",
    "NetworkView",
    "ViewInput",
    "actor_scores",
    "brokers_view",
    "ecosystem_view",
    "ego_view",
    "esc",
    "gaps_view",
    "layout_positions",
    "remote_urls",
    "render",
    "report",
    "script_json",
    "styled_network",
    "triads_view",
    "view_page",
]
