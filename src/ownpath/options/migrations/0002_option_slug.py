"""Give every option a slug, its stable key in URLs (names may hold "/", "?" or "#")."""

from django.db import migrations, models


def fill_slugs(apps, schema_editor):
    """A slug for each existing option, unique per person, in the order they were added."""
    from ownpath.options.models import unique_option_slug

    Option = apps.get_model("options", "Option")
    taken: dict[int, set[str]] = {}
    for option in Option.objects.order_by("user_id", "created_at", "id"):
        slugs = taken.setdefault(option.user_id, set())
        option.slug = unique_option_slug(option.name, slugs)
        slugs.add(option.slug)
        option.save(update_fields=["slug"])


class Migration(migrations.Migration):

    dependencies = [
        ("options", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="option",
            name="slug",
            field=models.CharField(default="", help_text="The option's key in URLs: made from its first name, "
                                                         "kept when it is renamed", max_length=140),
            preserve_default=False,
        ),
        migrations.RunPython(fill_slugs, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="option",
            constraint=models.UniqueConstraint(fields=("user", "slug"), name="unique_option_slug_per_user"),
        ),
    ]
