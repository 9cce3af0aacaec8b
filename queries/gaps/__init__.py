"""Gaps: who should meet whom, who is left out, and where communities barely touch.

Four questions, each a pure function returning a DataFrame with a ``reason``:

:func:`fill_candidates`
    For each triad one link short (:func:`queries.triads.open_triads`), the
    actors who could fill the missing role, ranked.
:func:`under_connected`
    Actors missing the tie their type exists for: an enterprise with no
    capital; a scientist or institute with no enterprise (成果躺在纸上); an
    investor or fund that has invested in no enterprise of its own region; a
    park with no bank, investor or fund.
:func:`missing_links`
    The best-supported absent ties between an actor and an enterprise whose
    venture role it could take.
:func:`community_holes`
    Louvain communities that have far fewer ties between them than their
    sizes predict, and the actors who span them.

Scores (typed link prediction)
------------------------------
Ties are read undirected over every relation; ``deg(w)`` is the number of
distinct actors tied to ``w``. For a candidate ``x`` and an enterprise ``e``:

- ``common``: shared partners ``N(x) ∩ N(e)``;
- ``adamic_adar`` = Σ 1 / log deg(w) over shared partners ``w`` [1]_;
- ``resource_allocation`` = Σ 1 / deg(w) [2]_;
- ``shared_parks``: shared partners that are parks;
- ``co_investors``: for a missing scientist or entrepreneur, how many of
  ``e``'s backers also back a venture where ``x`` holds that role; for a
  missing investor, how many of ``e``'s team (its scientists and
  entrepreneurs) hold a role in a venture ``x`` backs. A backer (or team
  member) tying ``a`` ventures to ``b`` candidates makes ``a·b`` pairs: the
  ones making the most are left out as hubs until the rest make at most
  ``8 · max(actors + links, 500,000)`` (:func:`queries.gaps.sparse.path_budget`:
  memory linear in the graph, not in a hub's squared degree), and the reasons
  of their ventures say so;
- ``score`` = adamic_adar + resource_allocation + shared_parks + co_investors.

The shared-partner products have the same bound: partners with the most
paths between the rows and columns scored are set aside until the others
expand at most ``8 · max(actors + links, 500,000)`` paths (``1 ·`` for the
first product of :func:`missing_links`); the pairs they could still lift
into a top list are then scored exactly, so the results do not change. For
speed, a partner tied to more than 256 candidates of a role is expanded only
toward the candidates tied to two or more such partners; the candidates it
alone reaches all score its weight, and only the lowest ids a venture can use
are listed (exact as well; :func:`queries.gaps.topk.row_top` keeps each
venture's best without sorting the pairs).

Only pairs of types that the role allows are scored (a capital candidate is
an Investor, Fund or Bank; see :data:`queries.triads.ROLE_TYPES`), and only
pairs with some support (a shared partner or a co-investor) are listed. The
hot paths are sparse products restricted to those rows and columns; the
plain networkx definitions are in :mod:`queries.triads_oracle`.

References
----------
.. [1] Adamic, L. A. and Adar, E. (2003). Friends and neighbors on the Web.
   *Social Networks* 25(3), 211–230.
.. [2] Zhou, T., Lü, L. and Zhang, Y.-C. (2009). Predicting missing links via
   local information. *European Physical Journal B* 71, 623–630.
.. [3] Blondel, V. D. et al. (2008). Fast unfolding of communities in large
   networks. *J. Stat. Mech.* P10008.

Examples
--------
>>> import ecox
>>> sorted(set(under_connected(ecox.seed())["gap"]))[:2]
['no_capital', 'no_enterprise']
"""

from ecox.queries.gaps.fill import FILL_COLUMNS, fill_candidates
from ecox.queries.gaps.holes import HOLE_COLUMNS, community_holes
from ecox.queries.gaps.links import LINK_COLUMNS, missing_links
from ecox.queries.gaps.sparse import link_weights
from ecox.queries.gaps.under import UNDER_COLUMNS, under_connected

__all__ = [
    "FILL_COLUMNS",
    "HOLE_COLUMNS",
    "LINK_COLUMNS",
    "UNDER_COLUMNS",
    "community_holes",
    "fill_candidates",
    "link_weights",
    "missing_links",
    "under_connected",
]
