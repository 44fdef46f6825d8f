import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _fill_community(apps, schema_editor):
    Answer = apps.get_model("questions", "Answer")
    for answer in Answer.objects.select_related("question").iterator():
        Answer.objects.filter(pk=answer.pk).update(community_id=answer.question.community_id)


class Migration(migrations.Migration):
    dependencies = [
        ("communities", "0001_initial"),
        ("questions", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="answer",
            name="community",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="answers",
                to="communities.community",
            ),
        ),
        migrations.RunPython(_fill_community, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="answer",
            name="community",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="answers",
                to="communities.community",
            ),
        ),
        migrations.CreateModel(
            name="HelpfulVote",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("answer", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="helpful_votes", to="questions.answer")),
                ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="helpful_votes", to=settings.AUTH_USER_MODEL)),
            ],
            options={
                "indexes": [models.Index(fields=["user", "answer"], name="questions_h_user_id_4abcec_idx")],
                "constraints": [models.UniqueConstraint(fields=("answer", "user"), name="one_helpful_vote_per_member")],
            },
        ),
    ]
