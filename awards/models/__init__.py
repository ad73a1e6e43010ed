"""Award catalog (titles, forms, rule sets and their rules) and award history."""

from awards.models.catalog import (
    AwardForm,
    AwardRule,
    ConferringLevel,
    DossierComponent,
    EmulationTitle,
    RecipientKind,
    RegistrationAsks,
    RuleSet,
)
from awards.models.history import (
    AnnualRating,
    AwardDecision,
    AwardGrant,
    DisciplinaryRecord,
    Household,
    Initiative,
)

__all__ = [
    "AnnualRating",
    "AwardDecision",
    "AwardForm",
    "AwardGrant",
    "AwardRule",
    "ConferringLevel",
    "DisciplinaryRecord",
    "DossierComponent",
    "EmulationTitle",
    "Household",
    "Initiative",
    "RecipientKind",
    "RegistrationAsks",
    "RuleSet",
]
