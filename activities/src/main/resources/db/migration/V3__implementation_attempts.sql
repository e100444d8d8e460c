-- Every source an experiment checked: the researcher's proposal (round 0), then each repair by the
-- Engineer, with the check's verdict and the diagnostic (sent_for_repair: it went to the Engineer).
create table implementation_attempt (
    experiment_id   varchar(64)  not null references experiment (id),
    round           integer      not null,
    author          varchar(200) not null,
    source          text         not null,
    passed          boolean      not null,
    failure_reason  varchar(32),
    diagnostic      text         not null,
    sent_for_repair boolean      not null,
    primary key (experiment_id, round)
);
