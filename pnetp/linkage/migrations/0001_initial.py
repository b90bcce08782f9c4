"""The record linkage leaves the sisetp app for its own, ``linkage`` (issue 18): its models move, their tables stay.

State only: ``LinkageRun``, ``ReviewPair`` and ``HistoricalReviewPair`` are created here in the state with the
tables, constraints and indexes they already have (``sisetp_linkagerun``, ``sisetp_one_running_linkage_run``…);
``sisetp.0015`` removes them from the sisetp state. No SQL runs on the tables. The content types (and so the
permissions granted on them and the admin log) are relabelled ``linkage``, keeping their ids.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


MOVED = ("linkagerun", "reviewpair", "historicalreviewpair")


def relabel(old, new):
    def run(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        for model in MOVED:
            if not ContentType.objects.filter(app_label=new, model=model).exists():  # else post_migrate made it
                ContentType.objects.filter(app_label=old, model=model).update(app_label=new)

    return run


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("sisetp", "0014_merge_20261206_0723"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='LinkageRun',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('started_at', models.DateTimeField(auto_now_add=True, verbose_name='início')),
                        ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='fim')),
                        ('heartbeat_at', models.DateTimeField(blank=True, help_text='Atualizado pelo processo enquanto a execução roda; sem sinal por alguns minutos, ela é dada por interrompida.', null=True, verbose_name='último sinal de vida')),
                        ('status', models.CharField(choices=[('em_andamento', 'Em andamento'), ('concluida', 'Concluída'), ('falhou', 'Falhou'), ('interrompida', 'Interrompida')], default='em_andamento', max_length=20, verbose_name='situação')),
                        ('stage', models.CharField(blank=True, help_text='Etapa atual, para a página de progresso.', max_length=40, verbose_name='etapa')),
                        ('records', models.PositiveIntegerField(default=0, verbose_name='registros')),
                        ('persons', models.PositiveIntegerField(default=0, verbose_name='pessoas únicas')),
                        ('keys_changed', models.PositiveIntegerField(default=0, help_text='Registros cujo id de pessoa única mudou.', verbose_name='pessoas dos casos atualizadas')),
                        ('ids_kept', models.PositiveIntegerField(default=0, help_text='Registros já ligados antes que mantiveram o id da pessoa.', verbose_name='ids mantidos')),
                        ('pairs_to_review', models.PositiveIntegerField(default=0, help_text='Pares incertos ainda sem decisão ao fim da execução.', verbose_name='pares para revisão')),
                        ('decisions_applied', models.PositiveIntegerField(default=0, verbose_name='decisões aplicadas')),
                        ('model_name', models.CharField(blank=True, max_length=100, verbose_name='modelo')),
                        ('threshold', models.FloatField(blank=True, null=True, verbose_name='limiar de ligação')),
                        ('review_low', models.FloatField(blank=True, null=True, verbose_name='início da faixa de revisão')),
                        ('error', models.TextField(blank=True, verbose_name='erro')),
                        ('notes', models.TextField(blank=True, help_text='Treino ignorado num estado degenerado dos dados, por exemplo.', verbose_name='observações')),
                        ('user', models.ForeignKey(blank=True, help_text='Quem pediu a execução; vazio quando foi um processo do sistema.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='usuário')),
                    ],
                    options={
                        'verbose_name': 'execução da ligação de registros',
                        'verbose_name_plural': 'execuções da ligação de registros',
                        'db_table': 'sisetp_linkagerun',
                        'ordering': ['-started_at', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalReviewPair',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('left_record', models.CharField(help_text='fonte|id_registro|id_pessoa', max_length=200, verbose_name='registro 1')),
                        ('right_record', models.CharField(help_text='fonte|id_registro|id_pessoa', max_length=200, verbose_name='registro 2')),
                        ('probability', models.FloatField(verbose_name='probabilidade de ser a mesma pessoa')),
                        ('comparison', models.JSONField(blank=True, default=dict, verbose_name='comparação')),
                        ('status', models.CharField(choices=[('pendente', 'Pendente'), ('mesma', 'Mesma pessoa'), ('diferente', 'Pessoas diferentes')], default='pendente', max_length=20, verbose_name='decisão')),
                        ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='decidido em')),
                        ('note', models.TextField(blank=True, max_length=2000, verbose_name='observação')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('decided_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='decidido por')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('left', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='sisetp.caseperson', verbose_name='pessoa do caso 1')),
                        ('right', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='sisetp.caseperson', verbose_name='pessoa do caso 2')),
                        ('run', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='linkage.linkagerun', verbose_name='execução que encontrou o par')),
                    ],
                    options={
                        'verbose_name': 'historical par para revisão',
                        'verbose_name_plural': 'historical pares para revisão',
                        'db_table': 'sisetp_historicalreviewpair',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='ReviewPair',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('left_record', models.CharField(help_text='fonte|id_registro|id_pessoa', max_length=200, verbose_name='registro 1')),
                        ('right_record', models.CharField(help_text='fonte|id_registro|id_pessoa', max_length=200, verbose_name='registro 2')),
                        ('probability', models.FloatField(verbose_name='probabilidade de ser a mesma pessoa')),
                        ('comparison', models.JSONField(blank=True, default=dict, verbose_name='comparação')),
                        ('status', models.CharField(choices=[('pendente', 'Pendente'), ('mesma', 'Mesma pessoa'), ('diferente', 'Pessoas diferentes')], default='pendente', max_length=20, verbose_name='decisão')),
                        ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='decidido em')),
                        ('note', models.TextField(blank=True, max_length=2000, verbose_name='observação')),
                        ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='decidido por')),
                        ('left', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='sisetp.caseperson', verbose_name='pessoa do caso 1')),
                        ('right', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='sisetp.caseperson', verbose_name='pessoa do caso 2')),
                        ('run', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='pairs', to='linkage.linkagerun', verbose_name='execução que encontrou o par')),
                    ],
                    options={
                        'verbose_name': 'par para revisão',
                        'verbose_name_plural': 'pares para revisão',
                        'db_table': 'sisetp_reviewpair',
                        'ordering': ['-probability', 'pk'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='linkagerun',
                    constraint=models.UniqueConstraint(condition=models.Q(('status', 'em_andamento')), fields=('status',), name='sisetp_one_running_linkage_run'),
                ),
                migrations.AddIndex(
                    model_name='reviewpair',
                    index=models.Index(fields=['status', '-probability'], name='sisetp_revi_status_9cbd02_idx'),
                ),
                migrations.AddConstraint(
                    model_name='reviewpair',
                    constraint=models.UniqueConstraint(fields=('left_record', 'right_record'), name='sisetp_review_pair_unique'),
                ),
            ],
        ),
        migrations.RunPython(relabel("sisetp", "linkage"), relabel("linkage", "sisetp")),
    ]
