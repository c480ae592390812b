//! warta-eval: scores warta, and the outputs of peer tools, on the public benchmark sets in
//! `../shared/bench`, each by the rule its authors published (see the set README there).

pub mod c4;
pub mod content;
pub mod dump;
pub mod flatten;
pub mod metadata;
pub mod parse_floor;
pub mod report;
pub mod run;
pub mod score;
pub mod sets;
pub mod speed;
pub mod textmode;
