from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from coalesce.core.form_fields import time_zone


def current_password(label):
    """The account's present password, as typed (not stripped), for signing in or confirming."""
    return forms.CharField(
        label=label,
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class LoginForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    password = current_password(_("Password"))


class CodeForm(forms.Form):
    code = forms.RegexField(
        label=_("Code from your authenticator app"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("Enter the six digits your app shows.")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9 ]*",
                "maxlength": "8",
                "autofocus": True,
            }
        ),
    )

    def clean_code(self):
        return self.cleaned_data["code"].strip()


class PasswordAndCodeForm(CodeForm):
    password = current_password(_("Your password"))
    field_order = ["password", "code"]


class PasswordConfirmForm(forms.Form):
    password = current_password(_("Your password"))


def language_choices():
    return [("", _("The one my browser asks for")), *settings.LANGUAGES]


class AccountForm(forms.Form):
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=120,
        required=False,
        help_text=_("How other people in your coalitions see you."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    language = forms.ChoiceField(label=_("Language"), choices=language_choices, required=False)
    time_zone = time_zone(
        _("Time zone"),
        required=False,
        initial="",
        help_text=_(
            "Its name in the time zone database, such as Africa/Nairobi or Europe/Paris. "
            "Left empty, times show in each coalition's zone."
        ),
    )


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=80,
        help_text=_("What the token is for, such as “reporting script”."),
    )
