"""English keeps its own display formats; its date fields also accept the admin's date widgets'
format (settings.WAGTAIL_DATE_FORMAT), so a user with the English admin can save a date."""

from django.conf.locale.en import formats

DATE_INPUT_FORMATS = [*formats.DATE_INPUT_FORMATS, "%d.%m.%Y", "%d. %m. %Y"]
DATETIME_INPUT_FORMATS = [*formats.DATETIME_INPUT_FORMATS, "%d.%m.%Y %H:%M", "%d. %m. %Y %H:%M"]
