"""The user account and what hangs on it: profile and work in progress."""

from django.contrib.auth import get_user_model

from .base import UserCollector, content_type_column, model_key, table, user_pseudonym


class AccountCollector(UserCollector):
    key = "ucet"
    label = "Uživatelský účet, skupiny a oprávnění"
    fields = [
        "id",
        "username",
        "email",
        "first_name",
        "last_name",
        "is_active",
        "is_staff",
        "is_superuser",
        "date_joined",
        "last_login",
    ]

    def export_user(self, user, person):
        User = get_user_model()
        extra = {
            "skupiny": (
                "Skupiny (role)",
                lambda u: sorted(u.groups.values_list("name", flat=True)),
            ),
            "opravneni": (
                "Oprávnění přidělená přímo účtu",
                lambda u: sorted(
                    f"{app}.{codename}"
                    for app, codename in u.user_permissions.values_list(
                        "content_type__app_label", "codename"
                    )
                ),
            ),
            "heslo_nastaveno": ("Heslo nastaveno", lambda u: u.has_usable_password()),
        }
        users = User.objects.filter(pk=user.pk)
        return {model_key(User): table(users, self.fields, extra=extra)}

    def erase(self, person, erasure):
        user = person.user
        if not user:
            return 0
        changed = {
            "username": user_pseudonym(user.pk),
            "email": "",
            "first_name": "",
            "last_name": "",
            "is_active": False,
            "is_staff": False,
            "is_superuser": False,
        }
        count = 0
        if any(getattr(user, name) != value for name, value in changed.items()) or (
            user.has_usable_password()
        ):
            for name, value in changed.items():
                setattr(user, name, value)
            # Also ends every session, whatever stores it: Django checks a session against a
            # hash of the password on each request.
            user.set_unusable_password()
            user.save()
            count += 1
        # The role changes are recorded by the audit app, under the pseudonym.
        count += user.groups.count() + user.user_permissions.count()
        user.groups.clear()
        user.user_permissions.clear()
        return count


class ProfileCollector(UserCollector):
    key = "profil"
    label = "Profil v administraci (jazyk, upozornění, avatar)"
    user_relations = [("wagtailusers.userprofile", "user")]

    def export_user(self, user, person):
        from wagtail.users.models import UserProfile

        profiles = UserProfile.objects.filter(user=user)
        fields = [f.name for f in UserProfile._meta.concrete_fields if f.name not in ("id", "user")]
        return {model_key(UserProfile): table(profiles, fields)}

    def erase(self, person, erasure):
        from wagtail.users.models import UserProfile

        count = 0
        for profile in UserProfile.objects.filter(user=person.user) if person.user else []:
            if profile.avatar:
                profile.avatar.delete(save=False)
            profile.delete()
            count += 1
        return count


class WorkInProgressCollector(UserCollector):
    key = "rozpracovano"
    label = "Rozpracované formuláře, otevřené editory a přístupové tokeny API"
    user_relations = [
        ("wagtailadmin.editingsession", "user"),
        ("wagtailadmin.formstate", "user"),
        ("wagtailcore.apitoken", "user"),
    ]

    def export_user(self, user, person):
        from wagtail.admin.models import EditingSession, FormState
        from wagtail.models import APIToken

        object_fields = content_type_column()
        return {
            model_key(EditingSession): table(
                EditingSession.objects.filter(user=user),
                ["object_id", "last_seen_at", "is_editing"],
                extra=object_fields,
            ),
            model_key(FormState): table(
                FormState.objects.filter(user=user),
                ["object_id", "last_updated_at", "data"],
                labels={"data": "Uložená data formuláře"},
                extra=object_fields,
            ),
            # The digest of a token is never exported; its public prefix identifies it.
            model_key(APIToken): table(
                APIToken.objects.filter(user=user),
                ["name", "prefix", "created", "last_used_at", "revoked_at"],
                labels={"name": "Název tokenu"},
            ),
        }

    def erase_user(self, user, person, erasure):
        from wagtail.admin.models import EditingSession, FormState
        from wagtail.models import APIToken

        return (
            EditingSession.objects.filter(user=user).delete()[0]
            + FormState.objects.filter(user=user).delete()[0]
            + APIToken.objects.filter(user=user, revoked_at__isnull=True).update(
                revoked_at=erasure.now
            )
        )
