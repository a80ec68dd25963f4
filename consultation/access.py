"""Who sees which comments in the admin: the management team and auditors all of them, a
working group those on the chapters it answers for. Enforced on every admin view."""

from django.contrib.auth.models import Permission
from django.db.models import Q

from wagtail.permission_policies import ModelPermissionPolicy

from workflows.responsibility import chapters_answered_by


def may_see_all(user):
    return user.is_active and (user.is_superuser or user.has_perm("consultation.view_comment"))


def may_enter(user):
    return user.is_active and (user.is_superuser or user.has_perm("consultation.add_comment"))


def group_chapters(user):
    """The chapters whose working group's role group the user belongs to."""
    return chapters_answered_by(user)


def visible_comments(user, queryset):
    if may_see_all(user):
        return queryset
    if not user.is_active:
        return queryset.none()
    return queryset.counted().filter(target_chapter__in=group_chapters(user))


class CommentPermissionPolicy(ModelPermissionPolicy):
    """Comments are what people sent: nobody changes or deletes them in the admin; the
    management team records those that came otherwise through its own form."""

    def user_has_permission(self, user, action):
        if action != "view" or not user.is_active:
            return False
        return may_see_all(user) or group_chapters(user).exists()

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return super().users_with_any_permission([])
        view = Permission.objects.filter(
            content_type__app_label="consultation", codename="view_comment"
        )
        from django.contrib.auth import get_user_model

        return (
            get_user_model()
            .objects.filter(
                Q(is_superuser=True)
                | Q(groups__permissions__in=view)
                | Q(groups__managed__working_group__isnull=False),
                is_active=True,
            )
            .distinct()
        )
