"""The staff's pages: login, dashboard, CSV export, administration (server-rendered, German)."""
