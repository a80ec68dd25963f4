"""Keep the search index in step with what is live."""

from django.dispatch import receiver

from wagtail.signals import page_published, page_unpublished

from search.models import PageSearchText


@receiver(page_published)
def index_published_page(sender, instance, **kwargs):
    PageSearchText.update_for(instance)


@receiver(page_unpublished)
def drop_unpublished_page(sender, instance, **kwargs):
    PageSearchText.objects.filter(page_id=instance.pk).delete()
