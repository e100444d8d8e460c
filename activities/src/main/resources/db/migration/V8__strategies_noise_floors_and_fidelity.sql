-- Where a campaign's parents came from, and how many seeds its baseline was screened with.
alter table campaign add column strategy varchar(20) default 'pool' not null;
alter table campaign add column baseline_seeds int default 1 not null;

-- The baseline's further screenings, one per seed: the campaign's noise floor. A seed that did not train
-- has no loss and names its failure.
create table baseline_seed (
    campaign_id     varchar(64)      not null references campaign (id),
    seed            bigint           not null,
    validation_loss double precision,
    benchmarks      varchar(2000),
    failure         varchar(40),
    primary key (campaign_id, seed)
);

-- A validation's benchmarks per seed and the fitness test that decides whether a candidate beats the
-- baseline; loss_beats keeps the loss test's verdict beside it.
alter table validation add column benchmarks varchar(8000);
alter table validation add column baseline_benchmarks varchar(8000);
alter table validation add column fitness varchar(2000);
alter table validation add column mean_fitness double precision;
alter table validation add column sd_fitness double precision;
alter table validation add column fitness_t double precision;
alter table validation add column loss_beats boolean;

-- Screening fidelity: how the campaign's screen ranked the validated designs against how the validation
-- profile ranked them (Spearman's rho with a bootstrap interval), per measure.
create table screening_fidelity (
    campaign_id  varchar(64)      not null references campaign (id),
    profile      varchar(40)      not null,
    measure      varchar(80)      not null,
    designs      int              not null,
    rho          double precision,
    low          double precision,
    high         double precision,
    primary key (campaign_id, profile, measure)
);
