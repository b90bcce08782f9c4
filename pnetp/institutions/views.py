from django.contrib.messages.views import SuccessMessageMixin
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from pnetp.accounts.access import PolicyRequiredMixin, policy_required
from pnetp.accounts.permissions import (
    can_edit_institution,
    can_manage_institutions,
    can_view_institution_history,
    is_coordination,
)

from .forms import InstitutionFilterForm, InstitutionForm, InstitutionImportForm
from .history import institution_history
from .importer import import_institutions_csv
from .models import Institution
from .queries import filter_institutions, public_institutions


class InstitutionListView(ListView):
    template_name = "institutions/institution_list.html"
    context_object_name = "institutions"
    paginate_by = 50

    def get_queryset(self):
        self.filter_form = InstitutionFilterForm(self.request.GET or None)
        filters = self.filter_form.cleaned_data if self.filter_form.is_valid() else {}
        # Deactivated institutions stay visible to the coordination, who may reactivate them.
        queryset = public_institutions(include_inactive=is_coordination(self.request.user))
        return filter_institutions(queryset, **filters)

    def get_context_data(self, **kwargs):
        querystring = self.request.GET.copy()
        querystring.pop("page", None)
        return super().get_context_data(
            filter_form=self.filter_form,
            querystring=querystring.urlencode(),
            can_manage=can_manage_institutions(self.request.user),
            **kwargs,
        )


class InstitutionDetailView(DetailView):
    template_name = "institutions/institution_detail.html"
    context_object_name = "institution"
    queryset = Institution.objects.select_related("parent")

    def get_context_data(self, **kwargs):
        user, institution = self.request.user, self.object
        show_history = can_view_institution_history(user, institution)
        return super().get_context_data(
            children=institution.children.order_by("name"),
            can_edit=can_edit_institution(user, institution),
            history=institution_history(institution) if show_history else None,
            **kwargs,
        )


class InstitutionCreateView(PolicyRequiredMixin, SuccessMessageMixin, CreateView):
    policy = staticmethod(can_manage_institutions)
    model = Institution
    form_class = InstitutionForm
    template_name = "institutions/institution_form.html"
    success_message = _("Instituição %(acronym)s cadastrada.")


class InstitutionUpdateView(PolicyRequiredMixin, SuccessMessageMixin, UpdateView):
    policy = staticmethod(can_edit_institution)
    policy_on_object = True
    model = Institution
    form_class = InstitutionForm
    template_name = "institutions/institution_form.html"
    success_message = _("Instituição %(acronym)s atualizada.")


@policy_required(can_manage_institutions)
def import_institutions(request):
    posted = request.method == "POST"
    form = InstitutionImportForm(request.POST, request.FILES) if posted else InstitutionImportForm()
    result = None
    if posted and form.is_valid():
        # The result is shown on this page rather than as a flash message: it may list many errors.
        data = form.cleaned_data
        result = import_institutions_csv(data["file"], dry_run=data["dry_run"], user=request.user)
    return render(request, "institutions/institution_import.html", {"form": form, "result": result})
