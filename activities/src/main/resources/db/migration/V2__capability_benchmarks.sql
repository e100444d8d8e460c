-- Learned capability benchmarks (MQAR, selective copying, induction): accuracy per task as
-- label=accuracy pairs separated by ';', and their mean, the input of fitness's benchmark term.
alter table experiment add column benchmarks varchar(2000);
alter table experiment add column benchmark_score double precision;
