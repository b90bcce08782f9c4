from django.db import migrations

from pnetp.referrals import flows_data


def load(apps, schema_editor):
    flows_data.load(apps.get_model("referrals", "FlowTemplate"), apps.get_model("referrals", "FlowStage"))


class Migration(migrations.Migration):
    dependencies = [("referrals", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
