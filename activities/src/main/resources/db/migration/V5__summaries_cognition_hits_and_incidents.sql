-- The summary later Researchers read, the cognition entries an analysis retrieved, and the agent
-- steps that failed without failing their experiment.
alter table analysis add column summary text default '' not null;

create table analysis_cognition (
    experiment_id varchar(64)      not null references experiment (id),
    position      int              not null,
    entry_id      varchar(80)      not null,
    title         varchar(300)     not null,
    score         double precision not null,
    primary key (experiment_id, position)
);

create table experiment_incident (
    experiment_id varchar(64) not null references experiment (id),
    position      int         not null,
    description   text        not null,
    primary key (experiment_id, position)
);
