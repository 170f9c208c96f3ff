//! One integration test binary (a single link step keeps CI fast); each module is one concern.

mod suite;
