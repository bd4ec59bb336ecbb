//! Unit tests of table reading.
