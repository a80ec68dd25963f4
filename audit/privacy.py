"""The audit rows in GDPR exports and erasures (privacy/): role changes, sign-ins and the kept
revisions of deleted pages."""

from django.db.models import Q

from privacy.base import (
    UserCollector,
    content_type_column,
    model_key,
    rewrite,
    table,
    user_pseudonym,
)


class AuditCollector(UserCollector):
    key = "audit"
    label = "Audit: změny rolí a oprávnění, přihlášení"
    user_relations = [
        ("audit.rolechange", "actor"),
        ("audit.rolechange", "user"),
        ("audit.signinevent", "actor"),
    ]

    def _sign_ins(self, person):
        from audit.models import SignInEvent

        typed = Q(pk__in=[])
        for identifier in [person.username, *person.emails]:
            if identifier:
                typed |= Q(username__iexact=identifier)
        return SignInEvent.objects.filter(Q(actor=person.user) | typed)

    def export_user(self, user, person):
        from audit.models import RoleChange, SignInEvent

        roles = RoleChange.objects.filter(Q(actor=user) | Q(user=user))
        return {
            model_key(RoleChange): table(
                roles.order_by("created_at"),
                [
                    "created_at",
                    "action",
                    "actor_name",
                    "user_name",
                    "group_name",
                    "detail",
                    "ip_address",
                ],
            ),
            model_key(SignInEvent): table(
                self._sign_ins(person).order_by("created_at"),
                ["created_at", "kind", "username", "ip_address", "user_agent"],
            ),
        }

    def erase_user(self, user, person, erasure):
        from audit.models import RoleChange, SignInEvent

        user, pseudonym = user, user_pseudonym(user.pk)
        # Addresses and browsers stay: the sign-in log is a security record (docs/gdpr.md).
        return (
            rewrite(RoleChange.objects.filter(actor=user), actor_name=pseudonym)
            + rewrite(RoleChange.objects.filter(user=user), user_name=pseudonym)
            + rewrite(SignInEvent.objects.filter(actor=user), actor_name=pseudonym)
            + rewrite(self._sign_ins(person), username=pseudonym)
        )


class ArchivedRevisionCollector(UserCollector):
    key = "revize-smazanych-stranek"
    label = "Uložené verze smazaných stránek"
    user_relations = [("audit.archivedrevision", "user")]

    def export_user(self, user, person):
        from audit.models import ArchivedRevision

        archived = ArchivedRevision.objects.filter(user=user).order_by("created_at")
        object_fields = content_type_column()
        return {
            model_key(ArchivedRevision): table(
                archived,
                ["revision_id", "object_id", "object_str", "created_at", "user_name"],
                extra=object_fields,
            ),
        }

    def erase_user(self, user, person, erasure):
        from audit.models import ArchivedRevision

        return rewrite(
            ArchivedRevision.objects.filter(user=user),
            user_name=user_pseudonym(user.pk),
        )
