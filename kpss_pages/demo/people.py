"""Demo users, one per role, and plan content in every state of the approval route."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from wagtail.models import WorkflowState

from kpss_pages.models import PlanChapterPage, WorkingGroupPage
from workflows import notifications
from workflows.roles import AUDITOR, MANAGEMENT_TEAM, PROVIDER_PREFIX, STEERING_GROUP

# (username, first name, last name, group names)
FIXED_USERS = [
    ("mt.kovarova", "Kateřina", "Kovářová", [MANAGEMENT_TEAM]),
    ("ns.hanak", "Jaroslav", "Hanák", [STEERING_GROUP]),
    ("auditor.blaha", "Miroslav", "Bláha", [AUDITOR]),
]
PROVIDER_USER = ("poskytovatel.charita", "Jana", "Horáková")
PROVIDER_NAME = "Oblastní charita Bečva, z. s. (ukázka)"


def ensure_user(username, first_name, last_name, groups, password):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "email": f"{username}@mikroregion.example.cz",
        },
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
        user.groups.set(Group.objects.filter(name__in=groups))
    return user, created


def create_users(password):
    """Users of every role; returns {username: user} and how many were created."""
    users, created_count = {}, 0
    for username, first, last, groups in FIXED_USERS:
        users[username], created = ensure_user(username, first, last, groups, password)
        created_count += created
    username, first, last = PROVIDER_USER
    users[username], created = ensure_user(
        username, first, last, [PROVIDER_PREFIX + PROVIDER_NAME], password
    )
    created_count += created
    for group_page in WorkingGroupPage.objects.filter(role_group__isnull=False).select_related(
        "role_group__group"
    ):
        manager = group_page.members.filter(is_manager=True).first()
        first, _, last = (manager.name if manager else "Manažer skupiny").partition(" ")
        username = f"ps.{group_page.slug}"
        users[username], created = ensure_user(
            username, first, last, [group_page.role_group.group.name], password
        )
        created_count += created
    return users, created_count


def _edit(page, author, note):
    page = page.specific_class.objects.get(pk=page.pk)
    page.summary = f"{page.summary} {note}".strip()
    page.save_revision(user=author)
    return page


def _act(page, user, action, **data):
    task_state = WorkflowState.objects.get(
        object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS
    ).current_task_state
    task_state.task.specific.on_action(task_state.specific, user, action, **data)


def build_route_states(users):
    """Plan content in each state: published after approval, draft, at MT, at NS, returned."""
    if WorkflowState.objects.exists():
        return 0
    chapters = {
        c.working_group.slug: c
        for c in PlanChapterPage.objects.select_related("working_group").filter(live=True)
    }
    mt, ns = users["mt.kovarova"], users["ns.hanak"]
    resolution = {
        "resolution_number": "NS/2026/03",
        "meeting_date": (timezone.localdate() - datetime.timedelta(days=30)).isoformat(),
    }
    with notifications.muted():
        plan = chapters["seniori"].get_parent().specific
        for page, author in [(chapters["seniori"], users["ps.seniori"]), (plan, mt)]:
            page = _edit(page, author, "")
            page.get_workflow().start(page, author)
            _act(page, mt, "approve", comment="Posouzeno na jednání manažerského týmu.")
            _act(page, ns, "approve", **resolution)

        _edit(chapters["obce-mikroregionu"], users["ps.obce-mikroregionu"], "(rozpracováno)")

        waiting_mt = _edit(
            chapters["lide-se-zdravotnim-postizenim"],
            users["ps.lide-se-zdravotnim-postizenim"],
            "(návrh k posouzení)",
        )
        waiting_mt.get_workflow().start(waiting_mt, users["ps.lide-se-zdravotnim-postizenim"])

        waiting_ns = _edit(
            chapters["rodina-deti-a-mladez"], users["ps.rodina-deti-a-mladez"], "(návrh)"
        )
        waiting_ns.get_workflow().start(waiting_ns, users["ps.rodina-deti-a-mladez"])
        _act(waiting_ns, mt, "approve")

        returned = _edit(
            chapters["lide-v-krizi-a-nouzi"], users["ps.lide-v-krizi-a-nouzi"], "(návrh)"
        )
        returned.get_workflow().start(returned, users["ps.lide-v-krizi-a-nouzi"])
        _act(
            returned,
            mt,
            "reject",
            comment="Doplňte prosím u opatření 4.1.1 zdroje financování a ukazatele.",
        )
    return 5
