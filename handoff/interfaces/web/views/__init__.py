"""The web pages, one module per topic: auth, home, switcher, clients, engagements, tokens."""
