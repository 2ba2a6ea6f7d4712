//! The `storyroute` binary.
fn main() {}
