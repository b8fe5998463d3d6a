"""Forms, one module per area: what the documentation constrains is checked here, before Kore is called."""
