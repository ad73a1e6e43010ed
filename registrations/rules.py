"""Permission predicates for registrations, checked on the server for every object.

- A unit officer sees and edits his unit's registration (and those of units below it).
- The leader of the registration's cluster reviews it (returns or accepts); a registration of a
  unit outside the clusters is reviewed by the council's secretariat.
- The secretariat and admins of the council open windows, grant extensions and review cluster
  lists; council members may read the overview.
"""

import rules

from campaigns.rules import is_cluster_leader, manages_council_of, oversees_council_of
from organizations.rules import is_unit_officer_of
from registrations.models import ClusterList, Registration, RegistrationWindow


def _campaign(obj: Registration | ClusterList | RegistrationWindow):
    window = obj if isinstance(obj, RegistrationWindow) else obj.window
    return window.campaign


@rules.predicate
def is_officer_of_unit(user, registration: Registration | None) -> bool:
    """A unit officer of the registration's unit or of a unit above it."""
    return registration is not None and is_unit_officer_of(user, registration.unit)


@rules.predicate
def leads_its_cluster(user, obj: Registration | ClusterList | None) -> bool:
    """An officer of the leader unit of the registration's (or the list's) cluster."""
    return obj is not None and obj.cluster_id is not None and is_cluster_leader(user, obj.cluster)


@rules.predicate
def outside_clusters(user, registration: Registration | None) -> bool:
    """The registration goes straight to the council (its unit is in no cluster)."""
    return registration is not None and registration.cluster_id is None


@rules.predicate
def manages_council(user, obj: Registration | ClusterList | RegistrationWindow | None) -> bool:
    """Secretariat or admin of the council the registrations go to (that of the campaign)."""
    return obj is not None and manages_council_of(user, _campaign(obj))


@rules.predicate
def oversees_council(user, obj: Registration | ClusterList | RegistrationWindow | None) -> bool:
    """Secretariat, admin or council member of that council."""
    return obj is not None and oversees_council_of(user, _campaign(obj))


is_superuser = rules.is_superuser

rules.add_perm(
    "registrations.view_registration",
    is_superuser | is_officer_of_unit | leads_its_cluster | oversees_council,
)
rules.add_perm("registrations.change_registration", is_superuser | is_officer_of_unit)
rules.add_perm(
    "registrations.review_registration",
    is_superuser | leads_its_cluster | (outside_clusters & manages_council),
)
rules.add_perm("registrations.grant_extension", is_superuser | manages_council)
rules.add_perm("registrations.view_overview", is_superuser | oversees_council)
rules.add_perm("registrations.open_window", is_superuser | manages_council)
rules.add_perm("registrations.lead_cluster_list", is_superuser | leads_its_cluster)
rules.add_perm("registrations.review_cluster_list", is_superuser | manages_council)
