from django.apps import AppConfig


class RecruitingConfig(AppConfig):
    name = "handoff.domain.recruiting"
    label = "recruiting"
    verbose_name = "Recruiting"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        post_migrate.connect(_ensure_search_index, sender=self, dispatch_uid="recruiting.search_index")


def _ensure_search_index(sender: AppConfig, using: str = "default", **kwargs: object) -> None:
    """The candidate search index is built after every migrate, so it survives SQLite's table rebuilds."""
    from handoff.domain.recruiting.search import ensure_index

    ensure_index(using)
