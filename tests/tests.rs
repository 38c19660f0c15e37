//! One integration test binary (as ripgrep does); each module is one area.

mod analyst_table;
mod articles;
mod cli;
mod corpus;
mod gold;
mod label_classes;
mod label_words;
mod numerals;
mod peer;
mod peer_numbers;
mod periods;
mod pipeline;
mod properties;
mod region_classes;
mod regions;
mod regression;
mod reliability;
mod review;
mod rules;
mod sheets;
mod support;
mod user_rules;
mod xlsx;
