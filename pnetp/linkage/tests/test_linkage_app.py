"""The linkage left the sisetp app (issue 18) without moving anything users or the database see: the same
addresses (bookmarks), the same tables and constraint names, the permissions relabelled with their models."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from pnetp.linkage.models import LinkageRun, ReviewPair
from pnetp.sisetp.models import IdentityAccessLog


def test_the_pages_keep_their_addresses():
    assert reverse("linkage:review") == "/sisetp/pessoas/revisao/"
    assert reverse("linkage:pair", args=[7]) == "/sisetp/pessoas/revisao/7/"
    assert reverse("linkage:decide", args=[7]) == "/sisetp/pessoas/revisao/7/decidir/"
    assert reverse("linkage:runs") == "/sisetp/pessoas/ligacoes/"
    assert reverse("linkage:run", args=[7]) == "/sisetp/pessoas/ligacoes/7/"
    assert reverse("linkage:export") == "/sisetp/pessoas/pessoas-unicas.csv"


def test_the_tables_and_constraints_keep_their_names():
    assert LinkageRun._meta.db_table == "sisetp_linkagerun"
    assert ReviewPair._meta.db_table == "sisetp_reviewpair"
    assert ReviewPair.history.model._meta.db_table == "sisetp_historicalreviewpair"
    assert [c.name for c in LinkageRun._meta.constraints] == ["sisetp_one_running_linkage_run"]
    assert [c.name for c in ReviewPair._meta.constraints] == ["sisetp_review_pair_unique"]
    assert IdentityAccessLog._meta.get_field("linkage_run").related_model is LinkageRun


@pytest.mark.django_db
def test_permissions_belong_to_the_linkage_app():
    for model in (LinkageRun, ReviewPair):
        content_type = ContentType.objects.get_for_model(model)
        assert content_type.app_label == "linkage"
        assert Permission.objects.filter(content_type=content_type, codename__startswith="view_").exists()
    assert not ContentType.objects.filter(app_label="sisetp", model__in=["linkagerun", "reviewpair"]).exists()
