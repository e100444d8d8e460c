-- Campaigns and their experiments, trained or failed, with lineage (parent and references).
-- Written for both H2 (embedded default) and PostgreSQL (deployments).

create table campaign (
    id            varchar(100) primary key,
    profile       varchar(64)  not null,
    experiments   integer      not null,
    seed          bigint       not null,
    status        varchar(16)  not null,
    started_at    timestamp with time zone not null,
    finished_at   timestamp with time zone
);

create table experiment (
    id                varchar(120) primary key,
    campaign_id       varchar(100) not null references campaign (id),
    role              varchar(16)  not null,
    parent_id         varchar(120) references experiment (id),
    name              varchar(200) not null,
    motivation        text         not null,
    spec              varchar(500),
    source            text         not null,
    source_sha256     varchar(64)  not null,
    researcher        varchar(100) not null,
    status            varchar(16)  not null,
    failure_reason    varchar(32),
    diagnostic        text         not null,
    validation_loss   double precision,
    final_train_loss  double precision,
    tokens_per_second double precision,
    parameters        bigint,
    train_seconds     double precision,
    curve_every       integer,
    train_loss_curve  text,
    fitness           double precision,
    artifact_prefix   varchar(500) not null,
    created_at        timestamp with time zone not null
);

create index experiment_by_campaign on experiment (campaign_id);
create index experiment_by_parent on experiment (parent_id);

create table experiment_reference (
    experiment_id varchar(120) not null references experiment (id),
    reference_id  varchar(120) not null references experiment (id),
    position      integer      not null,
    primary key (experiment_id, reference_id)
);
