"""The web app: pages, templates and static assets (GOV.UK Frontend, council-branded)."""
