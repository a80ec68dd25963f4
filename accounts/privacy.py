"""Sign-in data in GDPR exports and erasures (privacy/): sessions, lockout counters and
second-factor devices."""

from django.db.models import Q

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import EnrolmentCode
from accounts.sessions import end_sessions_of, sessions_of
from privacy.base import Collector, UserCollector, table


def _typed_by(person):
    """Axes keys its rows by the name typed at sign-in, not by the account."""
    names = {person.username, *person.emails} - {""}
    query = Q(pk__in=[])
    for name in names:
        query |= Q(username__iexact=name)
    return query


class SignInAttemptCollector(Collector):
    key = "prihlasovani"
    label = "Pokusy o přihlášení (zámek po chybných heslech)"

    models = (AccessAttempt, AccessFailureLog, AccessLog)
    fields = {
        AccessAttempt: [
            "username",
            "ip_address",
            "user_agent",
            "attempt_time",
            "failures_since_start",
        ],
        AccessFailureLog: ["username", "ip_address", "user_agent", "attempt_time", "locked_out"],
        AccessLog: ["username", "ip_address", "user_agent", "attempt_time", "logout_time"],
    }

    def export(self, person):
        tables = {}
        for model in self.models:
            rows = model.objects.filter(_typed_by(person)).order_by("attempt_time")
            if rows:
                tables[model._meta.label_lower] = table(rows, self.fields[model])
        return tables

    def erase(self, person, erasure):
        # Counters for the lockout only; nothing of the audit trail.
        return sum(model.objects.filter(_typed_by(person)).delete()[0] for model in self.models)


class SecondFactorCollector(UserCollector):
    key = "dvoufazove_overeni"
    label = "Dvoufázové ověření (zařízení, záložní kódy a kódy pro párování)"
    user_relations = [
        ("otp_totp.totpdevice", "user"),
        ("otp_static.staticdevice", "user"),
        ("accounts.enrolmentcode", "user"),
        ("accounts.enrolmentcode", "issued_by"),
    ]

    def export_user(self, user, person):
        tables = {}
        for model in (TOTPDevice, StaticDevice):
            # The shared secret and the codes are credentials: never exported.
            rows = model.objects.filter(user=user).order_by("pk")
            if rows:
                tables[model._meta.label_lower] = table(
                    rows, ["name", "confirmed", "created_at", "last_used_at"]
                )
        # Enrolment codes issued to the person or by them; never the code's hash.
        codes = EnrolmentCode.objects.filter(Q(user=user) | Q(issued_by=user))
        if codes:
            tables[EnrolmentCode._meta.label_lower] = table(
                codes.select_related("user", "issued_by").order_by("pk"),
                ["user", "issued_by", "issued_at", "expires_at", "used_at"],
            )
        return tables

    def erase_user(self, user, person, erasure):
        # Who issued a code stays in the audit trail (audit.RoleChange), pseudonymised there.
        return sum(
            model.objects.filter(user=user).delete()[0]
            for model in (TOTPDevice, StaticDevice, EnrolmentCode)
        ) + EnrolmentCode.objects.filter(issued_by=user).update(issued_by=None)


class SessionCollector(UserCollector):
    key = "relace"
    label = "Přihlášení v prohlížečích (relace)"

    def export_user(self, user, person):
        sessions = sessions_of(user)
        if not sessions:
            return {}
        # The session key is a credential: only when each session expires.
        return {"sessions.session": table(sessions, ["expire_date"], model=type(sessions[0]))}

    def erase_user(self, user, person, erasure):
        return end_sessions_of(user)
