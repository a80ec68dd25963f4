"""Demo users: one per role, each a different person."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from kpss_pages.models import WorkingGroupPage
from workflows.roles import AUDITOR, MANAGEMENT_TEAM, PROVIDER_PREFIX, STEERING_GROUP

# (username, first name, last name, group names)
FIXED_USERS = [
    ("mt.kovarova", "Kateřina", "Kovářová", [MANAGEMENT_TEAM]),
    ("ns.hanak", "Jaroslav", "Hanák", [STEERING_GROUP]),
    ("auditor.blaha", "Miroslav", "Bláha", [AUDITOR]),
]
# Not the seniors' group manager, who works for the same charity: another person, another name.
PROVIDER_USER = ("poskytovatel.charita", "Lenka", "Vaculíková")
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
