"""The relation rules of the news extractor, one module per relation family.

:mod:`~ecox.loaders.rules.article` holds the article context and
:func:`~ecox.loaders.rules.article.add_relation`; the families are
:mod:`~ecox.loaders.rules.people` (founding, leading, affiliation),
:mod:`~ecox.loaders.rules.lending`, :mod:`~ecox.loaders.rules.investing`,
:mod:`~ecox.loaders.rules.funds` (commitments, management),
:mod:`~ecox.loaders.rules.location`, :mod:`~ecox.loaders.rules.corporate`
(acquisition, branches, subsidiaries), :mod:`~ecox.loaders.rules.cooperation`
(cooperation, service) and :mod:`~ecox.loaders.rules.tech` (technology transfer).
:data:`ecox.loaders.cues.RULES` runs them in order.
"""
