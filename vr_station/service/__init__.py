"""The station as a service: started at boot or login, restarted after a crash.

``systemd`` builds the unit for Linux, ``windows`` the scheduled task for Windows; ``manager``
installs, removes and reports them (``vr-station service install|uninstall|status``).
"""

from vr_station.service.manager import ServiceManager, service_manager
from vr_station.service.spec import SERVICE_NAME, ServiceSpec, station_spec

__all__ = ["SERVICE_NAME", "ServiceManager", "ServiceSpec", "service_manager", "station_spec"]
