pub mod agency;
pub mod check;
pub mod person;
pub mod request;
pub mod sop;
pub mod user;
