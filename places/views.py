from django.shortcuts import get_object_or_404, render

from .models import Area


def area_detail(request, key):
    area = get_object_or_404(
        Area.objects.select_related("parent", "division", "district", "upazila"), key=key
    )
    ancestors = [a for a in (area.division, area.district, area.upazila) if a and a != area]
    children = area.children.order_by("name_bn")
    return render(
        request,
        "places/area_detail.html",
        {"area": area, "ancestors": ancestors, "children": children},
    )
