# Secret settings of exported objects appear here as sensitive variables.
