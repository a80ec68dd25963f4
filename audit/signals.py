"""Record role changes and sign-ins, with the acting user and address taken from the request."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from django.utils.module_loading import import_string

from wagtail.models import GroupCollectionPermission, GroupPagePermission, Revision

from simple_history.models import HistoricalRecords

from audit.models import ArchivedRevision, RoleChange, SignInEvent

User = get_user_model()
# Account fields whose change is a role change: (recorded when set, recorded when cleared).
ACCOUNT_SWITCHES = {
    "is_active": (RoleChange.Action.USER_ACTIVATED, RoleChange.Action.USER_DEACTIVATED),
    "is_superuser": (RoleChange.Action.SUPERUSER_GRANTED, RoleChange.Action.SUPERUSER_REVOKED),
}


def current_request():
    return getattr(HistoricalRecords.context, "request", None)


def client_ip(request):
    # The same address the sign-in lockout counts (trusted proxies only, see the setting).
    # (settings.AXES_CLIENT_IP_CALLABLE, kpss_site/security.py)
    return import_string(settings.AXES_CLIENT_IP_CALLABLE)(request)


def _actor(request):
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user, user.get_username()
    return None, ""


def record_role_change(action, *, user=None, group_name="", detail=""):
    request = current_request()
    actor, actor_name = _actor(request)
    RoleChange.objects.create(
        action=action,
        actor=actor,
        actor_name=actor_name or "systém",
        ip_address=client_ip(request),
        user=user,
        user_name=user.get_username() if user else "",
        group_name=group_name,
        detail=detail[:500],
    )


@receiver(m2m_changed, sender=User.groups.through)
def groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    kind = (
        RoleChange.Action.MEMBER_ADDED if action == "post_add" else RoleChange.Action.MEMBER_REMOVED
    )
    if action == "pre_clear":
        # The set is about to be emptied; record what is removed before it is gone.
        pk_set = set(
            instance.user_set.values_list("pk", flat=True)
            if reverse
            else instance.groups.values_list("pk", flat=True)
        )
    if reverse:  # group.user_set.add(...)
        for user in User.objects.filter(pk__in=pk_set):
            record_role_change(kind, user=user, group_name=instance.name)
    else:  # user.groups.add(...)
        for group in Group.objects.filter(pk__in=pk_set):
            record_role_change(kind, user=instance, group_name=group.name)


@receiver(m2m_changed, sender=Group.permissions.through)
def group_permissions_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if reverse or action not in ("post_add", "post_remove", "pre_clear"):
        return
    from django.contrib.auth.models import Permission

    if action == "pre_clear":
        pk_set = set(instance.permissions.values_list("pk", flat=True))
    kind = (
        RoleChange.Action.PERMISSION_ADDED
        if action == "post_add"
        else RoleChange.Action.PERMISSION_REMOVED
    )
    for permission in Permission.objects.filter(pk__in=pk_set).select_related("content_type"):
        detail = f"{permission.content_type.app_label}.{permission.codename}"
        record_role_change(kind, group_name=instance.name, detail=detail)


def _object_permission_detail(instance):
    target = getattr(instance, "page", None) or getattr(instance, "collection", None)
    return f"{instance.permission.codename} @ {target}"


@receiver(post_save, sender=GroupPagePermission)
@receiver(post_save, sender=GroupCollectionPermission)
def object_permission_added(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        record_role_change(
            RoleChange.Action.PERMISSION_ADDED,
            group_name=instance.group.name,
            detail=_object_permission_detail(instance),
        )


@receiver(post_delete, sender=GroupPagePermission)
@receiver(post_delete, sender=GroupCollectionPermission)
def object_permission_removed(sender, instance, **kwargs):
    record_role_change(
        RoleChange.Action.PERMISSION_REMOVED,
        group_name=instance.group.name,
        detail=_object_permission_detail(instance),
    )


@receiver(pre_save, sender=User)
def user_flags_changed(sender, instance, raw=False, **kwargs):
    if raw or not instance.pk:
        return
    before = User.objects.filter(pk=instance.pk).values(*ACCOUNT_SWITCHES).first()
    if before is None:
        return
    for field, (turned_on, turned_off) in ACCOUNT_SWITCHES.items():
        if before[field] != getattr(instance, field):
            record_role_change(turned_on if getattr(instance, field) else turned_off, user=instance)


def _sign_in(kind, request, user=None, username=""):
    SignInEvent.objects.create(
        kind=kind,
        actor=user,
        actor_name=user.get_username() if user else "",
        username=(username or (user.get_username() if user else ""))[:255],
        ip_address=client_ip(request),
        user_agent=(request.META.get("HTTP_USER_AGENT", "") if request else "")[:300],
    )


@receiver(user_logged_in)
def logged_in(sender, request, user, **kwargs):
    _sign_in(SignInEvent.Kind.LOGIN, request, user)


@receiver(user_logged_out)
def logged_out(sender, request, user, **kwargs):
    _sign_in(SignInEvent.Kind.LOGOUT, request, user)


@receiver(user_login_failed)
def login_failed(sender, credentials, request=None, **kwargs):
    _sign_in(SignInEvent.Kind.FAILED, request, username=credentials.get("username", ""))


@receiver(pre_delete, sender=Revision)
def archive_revision(sender, instance, **kwargs):
    user = instance.user
    ArchivedRevision.objects.get_or_create(
        revision_id=instance.pk,
        defaults={
            "content_type_id": instance.content_type_id,
            "base_content_type_id": instance.base_content_type_id,
            "object_id": instance.object_id,
            "object_str": instance.object_str,
            "created_at": instance.created_at,
            "user": user,
            "user_name": user.get_username() if user else "",
            "content": instance.content,
        },
    )
