-- Candidates screened again on a larger profile with several seeds, beside the baseline, and whether
-- they beat it by Welch's one-sided t-test at 5%.
create table validation (
    experiment_id     varchar(64)      not null references experiment (id),
    profile           varchar(40)      not null,
    campaign_id       varchar(64)      not null,
    baseline_id       varchar(64)      not null,
    seeds             varchar(400)     not null,
    losses            varchar(2000)    not null,
    baseline_losses   varchar(2000)    not null,
    mean_loss         double precision,
    sd_loss           double precision,
    baseline_mean     double precision,
    baseline_sd       double precision,
    t                 double precision,
    degrees_of_freedom int,
    critical_t        double precision,
    beats_baseline    boolean          not null,
    note              text             not null,
    validated_at      timestamp with time zone not null,
    primary key (experiment_id, profile)
);
