"""What several benchmarks build first: a province with its council and N communes."""


def province_with_communes(count: int):
    """Create "Tỉnh Đo Đạc" (code 97), its council and ``count`` communes under it, in one bulk
    insert. Call after Django is set up. Returns ``(province, council, communes)``."""
    from common.text import search_key
    from organizations.models import Council, Unit

    province = Unit.objects.create(name="Tỉnh Đo Đạc", kind=Unit.Kind.PROVINCE, code="97")
    council = Council.objects.create(unit=province, name="Hội đồng Thi đua – Khen thưởng tỉnh")
    communes = Unit.objects.bulk_create(
        Unit(
            name=f"Xã Đo Đạc {n:04d}",
            search_name=search_key(f"Xã Đo Đạc {n:04d}"),
            kind=Unit.Kind.COMMUNE,
            parent=province,
        )
        for n in range(count)
    )
    return province, council, communes
