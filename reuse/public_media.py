"""Which images and documents the public site shows, read once per change to the public projects.

Working it out means reading the write-up of every live, public project; the images and documents
endpoints of the API need it on every request. The answer is cached under a fingerprint of the
public projects (how many, which, and the latest publication), read in one query: publishing,
unpublishing, deleting, moving or restricting a project changes the fingerprint, so the next
request works the answer out afresh, and no signal can be missed.
"""

from django.core.cache import cache
from django.db.models import Count, Max, Sum

from cohorts.models import Fellow
from projects.models import ProjectPage

# Only a safety net: a changed fingerprint is what replaces an answer.
CACHE_SECONDS = 24 * 60 * 60


def public_projects_fingerprint():
    """A short text that changes whenever the set of live, public projects or their content does."""
    summary = (
        ProjectPage.objects.live()
        .public()
        .aggregate(count=Count("pk"), ids=Sum("pk"), latest=Max("last_published_at"))
    )
    latest = summary["latest"].isoformat() if summary["latest"] else "never"
    return f"{summary['count']}:{summary['ids'] or 0}:{latest}"


def media_on_projects():
    image_ids, document_ids = set(), set()
    for page in ProjectPage.objects.live().public().only("body"):
        for block in page.body:
            value = block.value
            if block.block_type == "image" and value.get("image"):
                image_ids.add(value["image"].pk)
            elif block.block_type == "document" and value.get("document"):
                document_ids.add(value["document"].pk)
    return sorted(image_ids), sorted(document_ids)


def media_on_public_pages():
    """The ids of images and documents shown on live, public projects and on fellows' profiles."""
    key = f"reuse:public-media:{public_projects_fingerprint()}"
    cached = cache.get(key)
    if cached is None:
        cached = media_on_projects()
        cache.set(key, cached, CACHE_SECONDS)
    image_ids, document_ids = set(cached[0]), set(cached[1])
    # Fellows' photos change without any page being published: read them each time (one query).
    image_ids.update(
        Fellow.objects.exclude(photo=None).values_list("photo_id", flat=True).distinct()
    )
    return image_ids, document_ids
