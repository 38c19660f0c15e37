//! One integration test binary (as ripgrep does); each module is one area.

mod cli;
mod corpus;
mod gold;
mod peer;
mod peer_numbers;
mod regression;
mod rules;
