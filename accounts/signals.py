"""Session limits and the second-factor decision start at sign-in; a deactivated account, or
one that gains a role requiring a second factor, loses its sessions."""

import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.dispatch import receiver

from accounts.policy import NOTHING_OWED, second_factor_step
from accounts.sessions import SIGNED_IN_AT, end_sessions_of, touch

User = get_user_model()


@receiver(user_logged_in)
def stamp_sign_in(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    now = time.time()
    request.session[SIGNED_IN_AT] = now
    touch(request.session, now)
    request.session.pop(NOTHING_OWED, None)
    if second_factor_step(user) is None:
        request.session[NOTHING_OWED] = True


@receiver(pre_save, sender=User)
def remember_superuser_status(sender, instance, **kwargs):
    instance._was_superuser = (
        bool(instance.pk) and User.objects.filter(pk=instance.pk, is_superuser=True).exists()
    )


@receiver(post_save, sender=User)
def end_sessions_on_deactivation_or_promotion(sender, instance, created, **kwargs):
    if created:
        return
    promoted = instance.is_superuser and not getattr(instance, "_was_superuser", True)
    if not instance.is_active or promoted:
        end_sessions_of(instance)


@receiver(m2m_changed, sender=User.groups.through)
def end_sessions_on_a_role_requiring_a_second_factor(sender, instance, action, pk_set, **kwargs):
    """Whoever joins Manažerský tým, Nadoborová skupina or Auditor signs in again, this time
    with a second factor."""
    if action != "post_add" or not isinstance(instance, User) or not pk_set:
        return
    from django.contrib.auth.models import Group

    required = settings.KPSS_2FA_REQUIRED_GROUPS
    if Group.objects.filter(pk__in=pk_set, name__in=required).exists():
        end_sessions_of(instance)
