"""API representations of the things a project links to, showing only their public parts."""

from rest_framework import serializers


class FellowSerializer(serializers.Serializer):
    """A fellow as the API shows them: name, role and profile address. Never the email address."""

    name = serializers.CharField()
    job_title = serializers.CharField()
    organisation = serializers.CharField()
    url = serializers.CharField(source="get_absolute_url")


class ThemeSerializer(serializers.Serializer):
    """A theme's name and the address of its public page."""

    name = serializers.CharField()
    slug = serializers.CharField()
    url = serializers.CharField(source="get_absolute_url")
