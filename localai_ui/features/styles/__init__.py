"""The Styles tab: a library of prompt presets, applied A1111's way, imported and exported as styles.csv or JSON."""
