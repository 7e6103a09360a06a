"""The kiosk steps a visitor sees, one module per state of the kiosk flow."""
