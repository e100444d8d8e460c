-- The experiment store's database and user; asi-arch creates its tables with Flyway on start.
create user asiarch with password 'asiarch';
create database asiarch owner asiarch;
