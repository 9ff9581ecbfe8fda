"""The ports of entry where people in MPP were processed, as shipped by migration 0011.

Program personnel edit the list afterwards in the staff site. Each port keeps its own time
zone: El Paso is Mountain time, Laredo, Eagle Pass and Brownsville Central, Nogales Arizona's
(no daylight saving), San Ysidro and Calexico Pacific.
"""

DEFAULT_PORTS = [
    dict(
        name="San Ysidro",
        code="2504",
        time_zone="America/Los_Angeles",
        address="San Ysidro Port of Entry, 720 E San Ysidro Blvd, San Diego, CA",
    ),
    dict(
        name="Calexico West",
        code="2503",
        time_zone="America/Los_Angeles",
        address="Calexico West Port of Entry, 200 E 1st St, Calexico, CA",
    ),
    dict(
        name="Nogales",
        code="2604",
        time_zone="America/Phoenix",
        address="DeConcini Port of Entry, 9 N Grand Ave, Nogales, AZ",
    ),
    dict(
        name="El Paso",
        code="2402",
        time_zone="America/Denver",
        address="Paso del Norte Port of Entry, 1000 S El Paso St, El Paso, TX",
    ),
    dict(
        name="Eagle Pass",
        code="2303",
        time_zone="America/Chicago",
        address="Eagle Pass Port of Entry, 500 S Adams St, Eagle Pass, TX",
    ),
    dict(
        name="Laredo",
        code="2304",
        time_zone="America/Chicago",
        address="Gateway to the Americas Bridge, 1 Lincoln St, Laredo, TX",
    ),
    dict(
        name="Brownsville",
        code="2301",
        time_zone="America/Chicago",
        address="Gateway International Bridge, 1001 E Elizabeth St, Brownsville, TX",
    ),
]


def install_default_ports(model):
    for port in DEFAULT_PORTS:
        model.objects.get_or_create(code=port["code"], defaults=port)
