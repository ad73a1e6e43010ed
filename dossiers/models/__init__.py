"""Review rounds, award dossiers with their nominations and attachments, council sessions."""

from dossiers.models.council import CouncilSession, SessionMember, Vote
from dossiers.models.dossiers import (
    Attachment,
    Dossier,
    DossierVersion,
    Nomination,
    ReviewComment,
)
from dossiers.models.rounds import Round

__all__ = [
    "Attachment",
    "CouncilSession",
    "Dossier",
    "DossierVersion",
    "Nomination",
    "ReviewComment",
    "Round",
    "SessionMember",
    "Vote",
]
