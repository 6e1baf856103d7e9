"""Clients (the tenants), the base of every client-owned row, and account teams."""

from __future__ import annotations

import zoneinfo
from typing import ClassVar

from django.conf import settings
from django.db import models
from django_countries.fields import CountryField

TIME_ZONE_CHOICES = [(tz, tz) for tz in sorted(zoneinfo.available_timezones()) if "/" in tz or tz == "UTC"]


class Industry(models.TextChoices):
    TECHNOLOGY = "technology", "Technology"
    FINANCE = "finance", "Financial services"
    HEALTHCARE = "healthcare", "Healthcare"
    RETAIL = "retail", "Retail and e-commerce"
    MANUFACTURING = "manufacturing", "Manufacturing"
    LOGISTICS = "logistics", "Logistics"
    TELECOM = "telecom", "Telecommunications"
    HOSPITALITY = "hospitality", "Hospitality"
    ENERGY = "energy", "Energy"
    PUBLIC = "public", "Public sector"
    OTHER = "other", "Other"


class CompanySize(models.TextChoices):
    MICRO = "1-9", "1–9"
    SMALL = "10-49", "10–49"
    MEDIUM = "50-249", "50–249"
    LARGE = "250-999", "250–999"
    ENTERPRISE = "1000+", "1,000 or more"


class Client(models.Model):
    """A company that outsources to the provider: the tenant."""

    name = models.CharField(max_length=200, unique=True)
    legal_name = models.CharField(max_length=300)
    country = CountryField()
    time_zone = models.CharField(max_length=64, choices=TIME_ZONE_CHOICES, default="UTC")
    industry = models.CharField(max_length=32, choices=Industry.choices, default=Industry.OTHER)
    size = models.CharField(max_length=16, choices=CompanySize.choices, default=CompanySize.MEDIUM)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ClientOwned(models.Model):
    """Base of every row that belongs to one client.

    Read such rows only through the access helpers in
    :mod:`handoff.domain.tenancy.access` or a selector built on them; the
    scoping lint (``handoff lint-scoping``) rejects any other query.
    """

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="+")

    class Meta:
        abstract = True


class AccountAssignment(ClientOwned):
    """One member of a client's account team: which staff serve which client."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignments")
    since = models.DateField(auto_now_add=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["client", "user"], name="assignment_unique_client_user"),
        ]
        indexes: ClassVar = [models.Index(fields=["user", "client"], name="assignment_user_client")]

    def __str__(self) -> str:
        return f"{self.user} → {self.client}"
