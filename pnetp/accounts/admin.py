from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .forms import UserAdminChangeForm, UserAdminCreationForm
from .models import User
from .services import sync_staff_flag


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserAdminChangeForm
    add_form = UserAdminCreationForm
    list_display = ("username", "get_full_name", "role", "institution", "is_active", "last_login")
    list_filter = ("role", "is_active", "institution__kind")
    list_select_related = ("institution",)
    search_fields = ("username", "first_name", "last_name", "email", "cpf", "institution__acronym")
    autocomplete_fields = ("institution",)
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Dados pessoais"), {"fields": ("first_name", "last_name", "email", "cpf")}),
        (_("Perfil na plataforma"), {"fields": ("role", "institution")}),
        # is_staff is derived from the role; group and per-user grants are not used by the policy.
        (_("Situação"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Datas importantes"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "usable_password", "password1", "password2", "role", "institution", "cpf"),
            },
        ),
    )

    def get_readonly_fields(self, request, obj=None):
        readonly = ["is_staff", "last_login", "date_joined"]
        # Only a superuser may create another superuser.
        if not request.user.is_superuser:
            readonly.append("is_superuser")
        return readonly

    def save_model(self, request, obj, form, change):
        sync_staff_flag(obj)
        super().save_model(request, obj, form, change)
