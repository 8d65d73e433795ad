"""``coalesce createadmin``: the first account on a new installation.

Interactive (asks for the e-mail address, the display name and the password twice), or
non-interactive with ``--email``, ``--name`` and the password from ``--password-file``
or the environment variable ``COALESCE_ADMIN_PASSWORD``. The password must pass the
installation's password validators. The account is an ordinary user — it signs in and
creates a coalition at /coalitions/new/, becoming that coalition's admin — not a Django
superuser unless ``--superuser`` is given.
"""

import getpass
import os
import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction

PASSWORD_ENV = "COALESCE_ADMIN_PASSWORD"


class Command(BaseCommand):
    help = "Create an account (sign-in by e-mail) that can then create a coalition."

    def add_arguments(self, parser):
        parser.add_argument("--email", help="the e-mail address to sign in with")
        parser.add_argument("--name", help="the display name")
        parser.add_argument(
            "--password-file",
            help=f"read the password from this file (or set {PASSWORD_ENV})",
        )
        parser.add_argument(
            "--superuser",
            action="store_true",
            help="also make it a Django superuser (not needed to run a coalition)",
        )
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="never ask: fail when something is missing",
        )

    def handle(self, *args, **options):
        interactive = options["interactive"] and sys.stdin.isatty()
        User = get_user_model()
        email = self.email(options["email"], interactive, User)
        name = options["name"]
        if name is None:
            name = input("Display name: ").strip() if interactive else ""
        name = name.strip()
        if not name:
            raise CommandError("A display name is needed (--name).")
        if len(name) > User._meta.get_field("display_name").max_length:
            raise CommandError("The display name is too long.")
        password = self.password(options, interactive, User(email=email, display_name=name))
        with transaction.atomic():
            if User.objects.filter(email__iexact=email).exists():
                raise CommandError(f"An account with the address {email} already exists.")
            extra = {"display_name": name}
            if options["superuser"]:
                user = User.objects.create_superuser(email, password, **extra)
            else:
                user = User.objects.create_user(email, password, **extra)
        kind = "superuser" if user.is_superuser else "account"
        self.stdout.write(
            f"Created the {kind} {user.email} ({user.display_name}).\n"
            "Sign in at /accounts/login/ and create a coalition at /coalitions/new/."
        )

    def email(self, given, interactive, User) -> str:
        email = given
        while True:
            if email is None:
                if not interactive:
                    raise CommandError("An e-mail address is needed (--email).")
                email = input("E-mail address: ")
            email = User.objects.normalize_email(email.strip()).lower()
            try:
                validate_email(email)
            except ValidationError as error:
                if not interactive or given is not None:
                    raise CommandError(f"{email!r} is not a valid e-mail address.") from error
                self.stderr.write(f"{email!r} is not a valid e-mail address.")
                email = None
                continue
            if User.objects.filter(email__iexact=email).exists():
                raise CommandError(f"An account with the address {email} already exists.")
            return email

    def password(self, options, interactive, user) -> str:
        if options["password_file"]:
            try:
                text = Path(options["password_file"]).read_text()
            except OSError as error:
                raise CommandError(f"Cannot read the password file: {error}") from error
            return self.checked(text.rstrip("\r\n"), user)
        if os.environ.get(PASSWORD_ENV):
            return self.checked(os.environ[PASSWORD_ENV], user)
        if not interactive:
            raise CommandError(
                f"A password is needed: --password-file FILE or the {PASSWORD_ENV} variable."
            )
        while True:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                self.stderr.write("The two passwords differ; try again.")
                continue
            try:
                return self.checked(password, user)
            except CommandError as error:
                self.stderr.write(str(error))

    def checked(self, password: str, user) -> str:
        if not password:
            raise CommandError("The password is empty.")
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError("The password is refused: " + " ".join(error.messages)) from error
        return password
