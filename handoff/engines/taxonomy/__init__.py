"""Skills and occupation taxonomy: O*NET (and optionally ESCO) loaded into plain data, and a normaliser.

- ``model``: ``Occupation``, ``Skill``, ``Taxonomy`` (with ``related_skills`` and a JSON snapshot);
- ``onet.load_onet(folder)`` and ``esco.add_esco(taxonomy, folder)`` read the publishers' files;
- ``normaliser.Normaliser(taxonomy)``: ``.skill`` / ``.skills`` / ``.title`` — exact, alias, then fuzzy;
- ``text``: the normalisation rules every key goes through.

Pure Python (rapidfuzz), no Django. Credits: ``onet.CREDIT`` and ``esco.CREDIT`` must be shown
wherever the data is (CC BY 4.0 for O*NET; ESCO reuse policy).
"""

from handoff.engines.taxonomy.esco import add_esco
from handoff.engines.taxonomy.model import Occupation, Skill, Taxonomy
from handoff.engines.taxonomy.normaliser import Normaliser, SkillMatch, TitleMatch
from handoff.engines.taxonomy.onet import TaxonomyFormatError, credit, load_onet
from handoff.engines.taxonomy.text import normalise, normalise_title

__all__ = [
    "Normaliser",
    "Occupation",
    "Skill",
    "SkillMatch",
    "Taxonomy",
    "TaxonomyFormatError",
    "TitleMatch",
    "add_esco",
    "credit",
    "load_onet",
    "normalise",
    "normalise_title",
]
