"""Candidate matching: rank a talent pool for a requisition, and requisitions for a candidate.

Python with numpy and scipy, the ranking's inner loops compiled by Numba
(``kernels``: Python source compiled at first use and cached on disk); no Django.
``Profile`` (``profile``) is what may be scored, ``Requisition``/``Query``/``Weights`` (``query``) what is asked,
``MatchIndex`` (``index``) the incremental, persisted pool, ``rank_requisitions``
(``reverse``) the other direction. Skill ids and occupation codes are opaque
strings from the taxonomy's normaliser; their neighbourhoods arrive as plain
mappings in the ``Query``.
"""

from handoff.engines.matching.explain import Explanation, Factor, Result, SkillMatch
from handoff.engines.matching.index import MatchIndex
from handoff.engines.matching.profile import Card, Profile, card_from_resume, profile_from_resume
from handoff.engines.matching.query import FACTORS, Query, Requisition, Weights, requisition_from_job
from handoff.engines.matching.reverse import rank_requisitions

__all__ = [
    "FACTORS",
    "Card",
    "Explanation",
    "Factor",
    "MatchIndex",
    "Profile",
    "Query",
    "Requisition",
    "Result",
    "SkillMatch",
    "Weights",
    "card_from_resume",
    "profile_from_resume",
    "rank_requisitions",
    "requisition_from_job",
]
