"""marshmallow schemas: module-level instances validate input and shape output."""
