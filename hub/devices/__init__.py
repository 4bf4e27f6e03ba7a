"""The device API: enrolment, usage and heartbeat intake, its models, errors and OpenAPI document."""
