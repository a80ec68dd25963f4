"""Czech dates written one way across the admin and the site: "4. 12. 2026 14:35".

Django's own Czech formats mix "4. prosince 2026" (DATE_FORMAT) with "04.12.2026" (SHORT_*),
so Wagtail's listings, histories and tooltips disagreed with each other and with our templates.
"""

DATE_FORMAT = "j. n. Y"
DATETIME_FORMAT = "j. n. Y H:i"
SHORT_DATE_FORMAT = "j. n. Y"
SHORT_DATETIME_FORMAT = "j. n. Y H:i"
TIME_FORMAT = "H:i"
