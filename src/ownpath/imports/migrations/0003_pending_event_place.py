"""A calendar event's location, kept on the pending event until it is rated into the journal."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("imports", "0002_pending_upload"),
    ]

    operations = [
        migrations.AddField(
            model_name="pendingevent",
            name="place",
            field=models.CharField(blank=True, max_length=80),
        ),
    ]
