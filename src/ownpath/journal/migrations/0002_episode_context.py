"""Context of an episode: where (place), tools and a flow mark; `with` becomes a list.

Existing `with` text is kept; only ';' separators are turned into the ', ' the list uses.
"""

from django.db import migrations, models


def semicolons_to_commas(apps, schema_editor):
    Episode = apps.get_model("journal", "Episode")
    for episode in Episode.objects.filter(with_whom__contains=";").only("pk", "with_whom").iterator():
        names = [part.strip() for part in episode.with_whom.replace(";", ",").split(",") if part.strip()]
        episode.with_whom = ", ".join(names)[:200]
        episode.save(update_fields=["with_whom"])


class Migration(migrations.Migration):

    dependencies = [
        ("journal", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="episode",
            name="place",
            field=models.CharField(blank=True, help_text="Where: the person's own words (home, office…)",
                                   max_length=80),
        ),
        migrations.AddField(
            model_name="episode",
            name="tools",
            field=models.CharField(blank=True, help_text="Comma-separated tools used", max_length=200),
        ),
        migrations.AddField(
            model_name="episode",
            name="flow",
            field=models.BooleanField(default=False, help_text="Lost track of time"),
        ),
        migrations.RunPython(semicolons_to_commas, migrations.RunPython.noop),
    ]
