"""Emulation campaigns (phong trào thi đua), clusters and blocs (cụm, khối thi đua).

A ``Campaign`` is launched by a council, led by a standing unit, with participating units. A
``Cluster`` groups units for a year under a leader and a deputy; its members upload the year's
documents, score each other against ``ScoringCriterion`` rows and elect the leading unit at the
annual review (``Acclamation``).
"""

from campaigns.models.campaigns import Campaign, CampaignDocument
from campaigns.models.clusters import Cluster, ClusterDocument
from campaigns.models.scoring import (
    Acclamation,
    Ballot,
    ClusterResult,
    Score,
    ScoreSheet,
    ScoringCriterion,
)

__all__ = [
    "Acclamation",
    "Ballot",
    "Campaign",
    "CampaignDocument",
    "Cluster",
    "ClusterDocument",
    "ClusterResult",
    "Score",
    "ScoreSheet",
    "ScoringCriterion",
]
