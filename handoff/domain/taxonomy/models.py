"""Tables of the taxonomy: provider-wide reference data read by every client's recruiting, owned by none.

Occupations and skills keep their public ids as primary keys (O*NET-SOC codes, ``onet:…`` /
``esco:…`` skill ids) so other tables may point at them and a re-import updates them in place.
One that a newer release drops is kept with ``is_current = False`` rather than deleted, so
nothing pointing at it breaks. The link tables (titles, relations, aliases, skills of an
occupation) are rewritten whole by each import.
"""

from __future__ import annotations

from django.db import models


class Occupation(models.Model):
    code = models.CharField(max_length=16, primary_key=True)  # O*NET-SOC, e.g. 15-1252.00
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    is_current = models.BooleanField(default=True)

    class Meta:
        ordering = ("code",)

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class AlternateTitle(models.Model):
    class Kind(models.TextChoices):
        ALTERNATE = "alternate", "Alternate title"
        SHORT = "short", "Short title"

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="alternate_titles")
    title = models.CharField(max_length=255)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.ALTERNATE)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("occupation", "kind", "title"), name="taxonomy_alternate_title_unique")
        ]

    def __str__(self) -> str:
        return self.title


class RelatedOccupation(models.Model):
    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="related_links")
    related = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveIntegerField(help_text="1 = most related.")

    class Meta:
        ordering = ("occupation", "rank")
        constraints = [models.UniqueConstraint(fields=("occupation", "related"), name="taxonomy_related_unique")]

    def __str__(self) -> str:
        return f"{self.occupation_id} → {self.related_id} (#{self.rank})"


class SkillGroup(models.Model):
    """An O*NET commodity class ("Object or component oriented development software") or an ESCO broader concept."""

    code = models.CharField(max_length=120, primary_key=True)
    name = models.CharField(max_length=255)

    def __str__(self) -> str:
        return self.name


class Skill(models.Model):
    skill_id = models.CharField(max_length=160, primary_key=True)  # onet:microsoft-excel, esco:<uuid>
    name = models.CharField(max_length=255)
    source = models.CharField(max_length=10)
    is_hot = models.BooleanField(default=False, help_text="An O*NET hot technology.")
    groups = models.ManyToManyField(SkillGroup, blank=True, related_name="skills")
    is_current = models.BooleanField(default=True)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class SkillAlias(models.Model):
    alias = models.CharField(max_length=255, unique=True, help_text="Normalised text (see engines.taxonomy.text).")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="aliases")

    def __str__(self) -> str:
        return self.alias


class OccupationSkill(models.Model):
    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="skill_links")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="occupation_links")

    class Meta:
        constraints = [models.UniqueConstraint(fields=("occupation", "skill"), name="taxonomy_occupation_skill_unique")]

    def __str__(self) -> str:
        return f"{self.occupation_id} uses {self.skill_id}"


class OccupationLink(models.Model):
    """An outside occupation (an ESCO URI) matched to an O*NET occupation."""

    external_id = models.CharField(max_length=255, primary_key=True)
    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="external_links")

    def __str__(self) -> str:
        return f"{self.external_id} → {self.occupation_id}"


class ImportRun(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Succeeded"
        FAILED = "failed", "Failed"

    source = models.CharField(max_length=500, help_text="Folder or URL of the O*NET release (and ESCO folder).")
    version = models.CharField(max_length=120, blank=True, help_text='e.g. "onet 29.2, esco v1.0.8".')
    sources = models.JSONField(default=dict, blank=True, help_text='{"onet": "29.2", "esco": "v1.0.8"}')
    counts = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    error = models.TextField(blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-started_at", "-pk")

    def __str__(self) -> str:
        return f"{self.version or self.source} ({self.status})"
