"""Mesa de Partes Virtual de PETROPERÚ."""
