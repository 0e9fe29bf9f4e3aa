"""The daily digest choice, in each person's Wagtail account settings beside the notifications."""

from django import forms

from wagtail import hooks
from wagtail.admin.views.account import BaseSettingsPanel, notifications_tab

from reviews.models import ReviewEmailSettings


class ReviewEmailSettingsForm(forms.ModelForm):
    """Whether review emails arrive one by one or as one digest a day."""

    class Meta:
        model = ReviewEmailSettings
        fields = ["daily_digest"]


class ReviewEmailSettingsPanel(BaseSettingsPanel):
    """The digest choice on the Notifications tab of the account settings."""

    name = "review_emails"
    title = "Review emails"
    tab = notifications_tab
    order = 110
    form_class = ReviewEmailSettingsForm

    def get_form(self):
        if not hasattr(self, "_form"):
            instance = ReviewEmailSettings.objects.filter(user=self.user).first()
            instance = instance or ReviewEmailSettings(user=self.user)
            data = (self.request.POST, self.request.FILES) if self.request.method == "POST" else ()
            self._form = self.form_class(*data, instance=instance, prefix=self.name)
        return self._form


@hooks.register("register_account_settings_panel")
def register_review_email_panel(request, user, profile):
    return ReviewEmailSettingsPanel(request, user, profile)
