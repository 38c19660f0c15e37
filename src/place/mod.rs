//! Places: the region tables (gazetteer, former names, towns), the place mentions of a
//! page with their roles, and the attribution of each fact to a region.

pub mod attribution;
pub mod mentions;
pub mod region;
pub mod region_forms;
pub mod roles;
pub mod towns;
