"""The person's own data page: download it, or ask for it to be erased."""

import json

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST, require_safe

from . import PrivacyError, erasure_blockers, person_erase, personal_data


class EraseForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To confirm that it is you."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not right."))
        return password


@login_required
@require_safe
def my_data(request):
    return render(
        request,
        "privacy/my_data.html",
        {"form": EraseForm(user=request.user), "blockers": erasure_blockers(request.user)},
    )


@login_required
@require_safe
def my_data_download(request):
    body = json.dumps(personal_data(request.user), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="omat-tiedot.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def my_data_erase(request):
    form = EraseForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            person_erase(user=request.user)
        except PrivacyError as error:
            form.add_error(None, error.message)
        else:
            logout(request)
            messages.success(request, _("Your data has been erased and your account closed."))
            return redirect("home")
    blockers = erasure_blockers(request.user)
    return render(request, "privacy/my_data.html", {"form": form, "blockers": blockers})
