"""Users (provider staff or client users, each with one role) and hashed API tokens."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from handoff.domain.tenancy.models import TIME_ZONE_CHOICES, Client
from handoff.domain.tenancy.roles import ClientRole, StaffRole, UserKind


class UserManager(BaseUserManager["User"]):
    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        fields.update(kind=UserKind.PROVIDER, role=StaffRole.ADMIN, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in. Provider staff have a staff role; client users belong to one client."""

    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=UserKind.choices)
    role = models.CharField(max_length=32, choices=[*StaffRole.choices, *ClientRole.choices])
    client = models.ForeignKey(Client, on_delete=models.PROTECT, null=True, blank=True, related_name="users")
    time_zone = models.CharField(max_length=64, choices=TIME_ZONE_CHOICES, default="UTC")
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["full_name"]

    class Meta:
        ordering = ["email"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=(models.Q(kind=UserKind.CLIENT, client__isnull=False))
                | (models.Q(kind=UserKind.PROVIDER, client__isnull=True)),
                name="user_client_iff_client_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        super().clean()
        if self.kind == UserKind.CLIENT:
            if self.client_id is None:
                raise ValidationError({"client": "A client user belongs to a client."})
            if self.role not in ClientRole.values:
                raise ValidationError({"role": "Choose a client role."})
        elif self.kind == UserKind.PROVIDER:
            if self.client_id is not None:
                raise ValidationError({"client": "Provider staff do not belong to a client."})
            if self.role not in StaffRole.values:
                raise ValidationError({"role": "Choose a provider staff role."})

    @property
    def is_staff(self) -> bool:  # Django admin access: provider admins only
        return self.is_active and self.kind == UserKind.PROVIDER and self.role == StaffRole.ADMIN

    @property
    def is_provider(self) -> bool:
        return self.kind == UserKind.PROVIDER

    @property
    def is_provider_admin(self) -> bool:
        return self.is_provider and self.role == StaffRole.ADMIN

    def has_perm(self, perm: str, obj: models.Model | None = None) -> bool:
        return self.is_active and (self.is_provider_admin or super().has_perm(perm, obj))

    def has_module_perms(self, app_label: str) -> bool:
        return self.is_active and (self.is_provider_admin or super().has_module_perms(app_label))

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class ApiToken(models.Model):
    """A per-user API token. Only a SHA-256 digest of the secret is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12, unique=True)
    digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
