"""The command-line adapter: parses options, calls one core function, renders, maps errors to exit codes."""
