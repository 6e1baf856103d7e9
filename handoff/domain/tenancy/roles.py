"""The roles people hold: provider staff roles and client user roles."""

from django.db import models


class UserKind(models.TextChoices):
    PROVIDER = "provider", "Provider staff"
    CLIENT = "client", "Client user"


class StaffRole(models.TextChoices):
    ADMIN = "admin", "Provider admin"
    ACCOUNT_MANAGER = "account_manager", "Account manager"
    RECRUITER = "recruiter", "Recruiter"
    SOURCER = "sourcer", "Sourcer"
    BPO_AGENT = "bpo_agent", "BPO agent"
    TEAM_LEAD = "team_lead", "Team lead"
    QA_ANALYST = "qa_analyst", "QA analyst"


class ClientRole(models.TextChoices):
    HR_ADMIN = "hr_admin", "HR admin"
    HIRING_MANAGER = "hiring_manager", "Hiring manager"
    PROCESS_OWNER = "process_owner", "Process owner"


ALL_ROLES: dict[str, str] = {**dict(StaffRole.choices), **dict(ClientRole.choices)}

# Roles that may see commercial terms (pricing, fees) of an engagement.
COMMERCIAL_ROLES = frozenset({StaffRole.ADMIN, StaffRole.ACCOUNT_MANAGER, ClientRole.HR_ADMIN})
# Roles that may create and edit engagements (provider side, on clients they serve).
ENGAGEMENT_EDITOR_ROLES = frozenset({StaffRole.ADMIN, StaffRole.ACCOUNT_MANAGER})
# Recruiting (RPO). Provider staff who work the talent pool (see every candidate, add and merge them):
TALENT_POOL_ROLES = frozenset({StaffRole.ADMIN, StaffRole.ACCOUNT_MANAGER, StaffRole.RECRUITER, StaffRole.SOURCER})
# Roles that may see a candidate's salary expectation (not hiring managers: they negotiate against it).
SALARY_EXPECTATION_ROLES = frozenset({*TALENT_POOL_ROLES, ClientRole.HR_ADMIN})
