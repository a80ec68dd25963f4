from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.manage, name="manage"),
    path("overeni/", views.verify, name="verify"),
    path("nastaveni/", views.setup, name="setup"),
    path("zalozni-kody/", views.new_recovery_codes, name="recovery_codes"),
    path("vypnout/", views.disable, name="disable"),
    path("kod-pro-parovani/", views.issue_enrolment_code, name="enrolment_code"),
]
