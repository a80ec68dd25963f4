"""The second sign-in step (django-otp): set up an authenticator app, verify a code, manage
recovery codes; and the page shown while sign-in is locked (django-axes)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

import django_otp
import segno
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import enrolment
from accounts.forms import CodeForm, EnrolmentCodeForm, IssueEnrolmentCodeForm, LoginForm
from accounts.policy import has_device, requires_two_factor, totp_device

RECOVERY_CODES = 10
LOGIN_TEMPLATE = "accounts/login_step.html"


def _next_url(request):
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure()):
        return url
    return reverse("wagtailadmin_home")


def _throttle_error(user, devices=None):
    """Django-otp doubles the wait after each wrong code; say how long, and try nothing until
    then (a throttled device refuses even the right code)."""
    for device in devices or django_otp.devices_for_user(user):
        allowed, data = device.verify_is_allowed()
        if not allowed and data and data.get("locked_until"):
            return _("Příliš mnoho chybných kódů. Další pokus bude možný v %(time)s.") % {
                "time": data["locked_until"].astimezone().strftime("%H:%M:%S")
            }
    return None


@never_cache
@login_required
def verify(request):
    if request.user.is_verified():
        return HttpResponseRedirect(_next_url(request))
    if not has_device(request.user):
        return redirect(f"{reverse('accounts:setup')}?{request.GET.urlencode()}")
    form = CodeForm(request.POST or None)
    if form.is_valid() and (throttled := _throttle_error(request.user)):
        form.add_error("code", throttled)
    elif form.is_valid():
        device = _match(request.user, form.cleaned_data["code"])
        if device is not None:
            django_otp.login(request, device)
            if isinstance(device, StaticDevice):
                left = device.token_set.count()
                messages.warning(
                    request,
                    _("Použili jste záložní kód. Zbývající záložní kódy: %(count)d.")
                    % {"count": left},
                )
            return HttpResponseRedirect(_next_url(request))
        form.add_error("code", _("Kód neplatí nebo už byl použit."))
    return render(
        request,
        LOGIN_TEMPLATE,
        {"form": form, "next": _next_url(request), "step": "verify"},
    )


def _match(user, code):
    """Six digits are an app's code, anything else a recovery code: trying a recovery code on
    the app's device would count as a wrong code there and slow the next sign-in down."""
    if code.isdigit() and len(code) == TOTPDevice._meta.get_field("digits").default:
        candidates = TOTPDevice.objects.devices_for_user(user)
    else:
        candidates = StaticDevice.objects.devices_for_user(user)
    for device in candidates:
        if device.verify_token(code):
            return device
    return None


def _new_recovery_codes(user):
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=_("Záložní kódy"), defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _i in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


@never_cache
@login_required
def setup(request):
    """Pair an authenticator app: scan the code, confirm one code, receive recovery codes."""
    user = request.user
    if has_device(user) and not user.is_verified():
        return redirect(f"{reverse('accounts:verify')}?{request.GET.urlencode()}")
    if totp_device(user) is not None:
        return redirect("accounts:manage")
    if enrolment.needs_code(request):
        return _enrolment_step(request)
    device = totp_device(user, confirmed=False) or TOTPDevice.objects.create(
        user=user, name=_("Ověřovací aplikace"), confirmed=False
    )
    form = CodeForm(request.POST or None)
    if form.is_valid() and (throttled := _throttle_error(user, [device])):
        form.add_error("code", throttled)
    elif form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            with transaction.atomic():
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                codes = _new_recovery_codes(user)
            django_otp.login(request, device)
            request.session.pop(enrolment.REDEEMED, None)
            # Shown once, never stored in readable form or sent anywhere.
            return render(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "next": _next_url(request)},
            )
        form.add_error("code", _("Kód nesouhlasí. Zkuste další."))
    qr = segno.make(device.config_url, error="m")
    return render(
        request,
        LOGIN_TEMPLATE,
        {
            "form": form,
            "next": _next_url(request),
            "step": "setup",
            "required": requires_two_factor(user),
            "qr_data_uri": qr.svg_data_uri(scale=5, border=2),
            "secret": _grouped_secret(device),
        },
    )


def _enrolment_step(request):
    """Before the app's key is shown: the one-time code an administrator issued."""
    form = EnrolmentCodeForm(request.POST or None)
    if form.is_valid():
        try:
            enrolment.redeem(request, form.cleaned_data["code"])
        except enrolment.CodeRefused as refused:
            form.add_error("code", str(refused))
        else:
            return redirect(f"{reverse('accounts:setup')}?{request.GET.urlencode()}")
    return render(
        request,
        LOGIN_TEMPLATE,
        {
            "form": form,
            "next": _next_url(request),
            "step": "enrolment",
            "hours": enrolment.ENROLMENT_CODE_HOURS,
        },
    )


@never_cache
@login_required
def issue_enrolment_code(request):
    """Administrators issue a code for anyone, the management team for its people (not for
    administrators or the bodies overseeing it). Shown once, to be handed over in person or by
    another channel than the account's e-mail."""
    if not enrolment.may_issue(request.user):
        raise PermissionDenied
    users = enrolment.issuable_users(request.user)
    initial = {"uzivatel": request.GET.get("uzivatel")}
    form = IssueEnrolmentCodeForm(request.POST or None, users=users, initial=initial)
    context = {"form": form, "hours": enrolment.ENROLMENT_CODE_HOURS}
    if form.is_valid():
        person = form.cleaned_data["uzivatel"]
        code, record = enrolment.issue(person, issued_by=request.user)
        context.update({"code": code, "record": record, "person": person})
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "accounts/enrolment_code.html", context, status=status)


def _grouped_secret(device):
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@never_cache
@login_required
def manage(request):
    user = request.user
    device = totp_device(user)
    static = StaticDevice.objects.devices_for_user(user).first()
    return render(
        request,
        "accounts/manage.html",
        {
            "device": device,
            "required": requires_two_factor(user),
            "codes_left": static.token_set.count() if static else 0,
        },
    )


@never_cache
@login_required
@require_POST
def new_recovery_codes(request):
    if not request.user.is_verified():
        messages.error(request, _("Nejdříve zapněte dvoufázové ověření."))
        return redirect("accounts:manage")
    codes = _new_recovery_codes(request.user)
    return render(
        request,
        "accounts/recovery_codes.html",
        {"codes": codes, "next": reverse("accounts:manage")},
    )


@never_cache
@login_required
@require_POST
def disable(request):
    user = request.user
    if requires_two_factor(user):
        messages.error(request, _("Vaše role vyžaduje dvoufázové ověření; vypnout je nelze."))
    elif not user.is_verified():
        messages.error(request, _("Dvoufázové ověření není zapnuté."))
    else:
        with transaction.atomic():
            for device in django_otp.devices_for_user(user, confirmed=None):
                device.delete()
        request.session.pop(django_otp.DEVICE_ID_SESSION_KEY, None)
        messages.success(request, _("Dvoufázové ověření je vypnuté."))
    return redirect("accounts:manage")


def lockout(request, original_response=None, credentials=None):
    """django-axes: the sign-in page again, with why and for how long it is locked."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return render(
        request,
        "accounts/locked.html",
        {
            "form": LoginForm(request=request, initial={"username": username}),
            "next": _next_url(request),
            "lockout_message": _(
                "Přihlášení je dočasně zablokováno po %(count)d neúspěšných pokusech. "
                "Zkuste to znovu za %(minutes)d minut, nebo požádejte správce o odblokování."
            )
            % {"count": settings.AXES_FAILURE_LIMIT, "minutes": minutes},
        },
        status=429,
    )
