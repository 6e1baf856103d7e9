"""Clients (the tenants) and their account teams."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import Field

from handoff.domain.tenancy.models import AccountAssignment, Client, CompanySize, Industry
from handoff.interfaces.api.schemas.base import InputSchema


class ClientOut(Schema):
    id: int
    name: str
    legal_name: str
    country: str = Field(description="ISO 3166-1 alpha-2 code.")
    time_zone: str
    industry: str
    size: str
    is_active: bool
    created_at: dt.datetime

    @staticmethod
    def resolve_country(obj: Client) -> str:
        return str(obj.country.code)


class ClientIn(InputSchema):
    name: str
    legal_name: str
    country: str = Field(description="ISO 3166-1 alpha-2 code, e.g. US.")
    time_zone: str = Field("UTC", description="IANA time zone, e.g. America/New_York.")
    industry: Industry = Industry.OTHER
    size: CompanySize = CompanySize.MEDIUM
    is_active: bool = True


class ClientPatch(InputSchema):
    name: str | None = None
    legal_name: str | None = None
    country: str | None = Field(None, description="ISO 3166-1 alpha-2 code, e.g. US.")
    time_zone: str | None = None
    industry: Industry | None = None
    size: CompanySize | None = None
    is_active: bool | None = None


class AccountTeamMemberOut(Schema):
    user_id: int
    full_name: str
    email: str
    role: str
    since: dt.date

    @staticmethod
    def resolve_full_name(obj: AccountAssignment) -> str:
        return obj.user.full_name

    @staticmethod
    def resolve_email(obj: AccountAssignment) -> str:
        return obj.user.email

    @staticmethod
    def resolve_role(obj: AccountAssignment) -> str:
        return obj.user.role
