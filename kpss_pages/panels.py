"""Edit-form panels of the content.

Who answers for a service (its provider) or a chapter (its working group) is the management
team's decision (workflows/responsibility.py): without the permission below, the field is left out
of the form, so a posted value is ignored, and the editor shows the current value read-only.
"""

from django.utils.text import capfirst

from wagtail.admin.panels import FieldPanel

# Held by the management team (kpss_site's setup gives it; administrators hold every permission).
ASSIGN_RESPONSIBILITY = "workflows.assign_responsibility"


class ResponsibilityFieldPanel(FieldPanel):
    """Editable with ASSIGN_RESPONSIBILITY, read-only without it."""

    def __init__(self, field_name, permission=ASSIGN_RESPONSIBILITY, **kwargs):
        super().__init__(field_name, permission=permission, **kwargs)

    class BoundPanel(FieldPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            if self.form is not None and self.bound_field is None:
                # Left out of this user's form by the field permission: show, don't hide.
                self.read_only = True
                field = self.panel.db_field
                self.heading = self.panel.heading or capfirst(field.verbose_name)
                self.help_text = self.panel.help_text or capfirst(field.help_text)

        def is_shown(self):
            return self.read_only or super().is_shown()
