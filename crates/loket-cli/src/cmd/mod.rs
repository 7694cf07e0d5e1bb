pub mod agency;
pub mod audit;
pub mod backup;
pub mod check;
pub mod person;
pub mod request;
pub mod sop;
pub mod user;
