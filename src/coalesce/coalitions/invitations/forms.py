"""Forms of a coalition's doors: inviting, asking to join, signing up with an invitation."""

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from coalesce.accounts.models import User


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the person to invite"), max_length=254)


class JoinForm(forms.Form):
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)


class SignUpForm(forms.Form):
    """Create an account for the e-mail address an invitation was sent to."""

    display_name = forms.CharField(
        label=_("Your name, as others will see it"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email
        help_text = password_validation.password_validators_help_text_html()
        self.fields["password1"].help_text = help_text

    def clean_display_name(self):
        name = self.cleaned_data["display_name"].strip()
        if "\x00" in name:
            raise forms.ValidationError(_("This text contains a character that is not allowed."))
        return name

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords are not the same."))
        elif first:
            candidate = User(email=self.email, display_name=cleaned.get("display_name", ""))
            try:
                password_validation.validate_password(first, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned
