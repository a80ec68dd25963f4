"""The plan as a municipality has it: the plan and every chapter published through the approval
route with the steering group's resolution, one chapter approved in two versions, the English
translations approved the same way, and newer drafts in every state of the route.

Everything goes through the tasks' own actions (the checks an admin action passes), not around
them, so the approval records, the public history and the PDF are the real ones.
"""

import copy
import datetime

from django.utils import timezone

from wagtail.models import WorkflowState

from demo import people, plan_text
from kpss_pages.models import NewsPage, PlanChapterPage, ServicePage
from workflows import notifications

MT_COMMENT = "Posouzeno na jednání manažerského týmu."
# (resolution number, meeting held so many days ago)
ADOPTION = ("02", 90)
UPDATE = ("05", 30)


def resolution(number, days_ago):
    meeting = timezone.localdate() - datetime.timedelta(days=days_ago)
    return {"resolution_number": f"NS/{meeting.year}/{number}", "meeting_date": meeting.isoformat()}


def author_of(page, users):
    if isinstance(page, PlanChapterPage):
        return users[f"ps.{page.working_group.slug}"]
    return users["mt.kovarova"]


def act(page, user, action, **data):
    task_state = WorkflowState.objects.get(
        object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS
    ).current_task_state
    task_state.task.specific.on_action(task_state.specific, user, action, **data)


def save_draft(page, author, change=None):
    """Save the latest version, changed by `change`, as a new draft revision of `author`."""
    draft = page.get_latest_revision_as_object()
    if change:
        change(draft)
    draft.save_revision(user=author)
    return page.specific_class.objects.get(pk=page.pk)


def submit(page, author):
    """Start the page's route on its latest revision, as the editor's submit button does."""
    page.get_workflow().start(page, author)
    return page


def approve(page, users, meeting, change=None):
    author = author_of(page, users)
    page = submit(save_draft(page, author, change), author)
    act(page, users["mt.kovarova"], "approve", comment=MT_COMMENT)
    act(page, users["ns.hanak"], "approve", **resolution(*meeting))


def czech_chapters(plan):
    return PlanChapterPage.objects.child_of(plan).select_related("working_group").order_by("number")


def change_measure(chapter):
    """CHAPTER_UPDATE's new cost and indicator targets, in the measure it names."""
    _group, title, cost, targets = plan_text.CHAPTER_UPDATE
    priorities = copy.deepcopy(list(chapter.priorities.raw_data))
    measures = [
        measure["value"]
        for priority in priorities
        for goal in priority["value"]["goals"]
        for measure in goal["value"]["measures"]
    ]
    measure = next(m for m in measures if m["title"] == title)
    measure["estimated_cost"] = cost
    for indicator in measure["indicators"]:
        value = indicator["value"]
        value["target_value"] = targets.get(value["name"], value["target_value"])
    chapter.priorities = PlanChapterPage.hierarchy_from_raw(priorities)


def approve_plan(users, plan):
    """Version 1 of the plan and every chapter by one resolution, then version 2 of one
    chapter, with a changed measure, by a later one. Returns the number of approvals."""
    with notifications.muted():
        approve(plan, users, ADOPTION)
        chapters = list(czech_chapters(plan))
        for chapter in chapters:
            approve(chapter, users, ADOPTION)
        updated = next(c for c in chapters if c.working_group.slug == plan_text.CHAPTER_UPDATE[0])
        approve(updated, users, UPDATE, change=change_measure)
    return len(chapters) + 2


def approve_translations(users, pages):
    """English pages of the plan pass the same route as their Czech sources."""
    with notifications.muted():
        for page in pages:
            approve(page, users, UPDATE)
    return len(pages)


def drafts_in_every_state(users, plan):
    """Newer drafts of approved chapters: one being written, one at the management team, one at
    the steering group, one returned for changes. The approved versions stay public."""
    chapters = {c.working_group.slug: c for c in czech_chapters(plan)}
    mt = users["mt.kovarova"]

    def draft(slug, note):
        def change(page):
            page.summary = f"{page.summary} {note}"

        return save_draft(chapters[slug], users[f"ps.{slug}"], change)

    with notifications.muted():
        draft("obce-mikroregionu", "(rozpracováno)")

        slug = "lide-se-zdravotnim-postizenim"
        submit(draft(slug, "(návrh k posouzení)"), users[f"ps.{slug}"])

        slug = "rodina-deti-a-mladez"
        waiting_ns = submit(draft(slug, "(návrh)"), users[f"ps.{slug}"])
        act(waiting_ns, mt, "approve")

        slug = "lide-v-krizi-a-nouzi"
        returned = submit(draft(slug, "(návrh)"), users[f"ps.{slug}"])
        act(
            returned,
            mt,
            "reject",
            comment="Doplňte prosím u opatření 4.1.1 zdroje financování a ukazatele.",
        )
    return 4


def review(page, author, reviewer, change):
    """A one-step route: the author's change, reviewed by the management team."""
    page = submit(save_draft(page, author, change), author)
    act(page, reviewer, "approve", comment=MT_COMMENT)


def review_service_and_news(users, home):
    """A provider's update of its service and a news item, each reviewed by the management team,
    so their pages carry the review line as every page that passed the route does."""
    mt = users["mt.kovarova"]
    service = (
        ServicePage.objects.descendant_of(home)
        .filter(provider__name=people.PROVIDER_NAME)
        .order_by("pk")
        .first()
    )
    news = NewsPage.objects.descendant_of(home).order_by("-date", "pk").first()

    def opening_hours(page):
        page.opening_hours = "po–čt 7:30–16:00, pá 7:30–14:00"

    def news_summary(page):
        page.summary = f"{page.summary} Zápis z jednání je ke stažení v Dokumentech."

    with notifications.muted():
        review(service, users[people.PROVIDER_USER[0]], mt, opening_hours)
        review(news, mt, mt, news_summary)
    return 2
