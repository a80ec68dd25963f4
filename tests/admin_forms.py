"""Build the POST data the Wagtail admin's JavaScript would send for a page's edit form.

StreamFields are rendered client-side, so the edit page's HTML holds no inputs for them; this
turns the stored value back into the flat form fields that StreamBlock.value_from_datadict reads.
A record's (snippet's) edit form is posted as shown, by `edit_snippet`.
"""

from django.urls import reverse

from wagtail import blocks
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import querydict_from_html, rich_text


def block_form_data(block, value):
    if isinstance(block, blocks.StreamBlock):
        data = {"count": str(len(value))}
        for index, child in enumerate(value):
            data[str(index)] = {
                "type": child.block_type,
                "value": block_form_data(child.block, child.value),
                "deleted": "",
                "order": str(index),
                "id": child.id or "",
            }
        return data
    if isinstance(block, blocks.ListBlock):
        data = {"count": str(len(value))}
        for index, child in enumerate(value.bound_blocks):
            data[str(index)] = {
                "value": block_form_data(block.child_block, child.value),
                "deleted": "",
                "order": str(index),
                "id": child.id or "",
            }
        return data
    if isinstance(block, blocks.StructBlock):
        return {
            name: block_form_data(child, value[name]) for name, child in block.child_blocks.items()
        }
    if isinstance(block, blocks.RichTextBlock):
        source = value.source if isinstance(value, RichText) else (value or "")
        return rich_text(source, features=block.features)
    if isinstance(block, blocks.ChooserBlock):
        return "" if value is None else str(value.pk)
    if isinstance(block, blocks.MultipleChoiceBlock):
        return list(value or [])
    if isinstance(block, blocks.BooleanBlock):
        return "on" if value else ""
    return "" if value is None else str(value)


def flatten(data, prefix=""):
    flat = {}
    for key, value in data.items():
        name = f"{prefix}-{key}" if prefix else key
        if isinstance(value, dict):
            flat.update(flatten(value, name))
        else:
            flat[name] = value
    return flat


def page_form_data(client, url, page, **changes):
    """The add or edit form at `url` as the admin shows it for `page`, with `changes` on top.

    For an add form pass an unsaved instance, e.g. ServicePage().

    A change to a StreamField may be given as the new raw value (list of dicts) or a StreamValue.
    """
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    result = {key: data.getlist(key) if len(data.getlist(key)) > 1 else data[key] for key in data}
    for field in page._meta.get_fields():
        if field.__class__.__name__ == "StreamField":
            value = changes.pop(field.name, getattr(page, field.name))
            if isinstance(value, list):
                value = field.stream_block.to_python(value)
            result.update(flatten({field.name: block_form_data(field.stream_block, value)}))
    result.update(changes)
    return result


def edit_snippet(client, instance, **changes):
    """Save a record through its admin edit view, as a person does: the form as shown, with
    `changes` on top."""
    meta = instance._meta
    url = reverse(f"wagtailsnippets_{meta.app_label}_{meta.model_name}:edit", args=(instance.pk,))
    data = querydict_from_html(client.get(url).content.decode(), form_id="w-editor-form")
    for key, value in changes.items():
        data[key] = value
    # The test client would send only the last value of each key of a QueryDict.
    return client.post(url, {key: data.getlist(key) for key in data})


def error_messages(form, field):
    """Every message of a form field's errors, nested block errors included."""
    from wagtail.blocks.base import get_error_json_data

    messages = []

    def collect(node):
        if isinstance(node, str):
            messages.append(node)
        elif isinstance(node, dict):
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)

    for error in form.errors.get(field, []).as_data() if field in form.errors else []:
        collect(get_error_json_data(error))
    return messages
