-- Every call an agent made to a language model for an experiment, in order, with tokens, cost and
-- the model's answer.
create table llm_call (
    experiment_id     varchar(64)      not null references experiment (id),
    position          integer          not null,
    role              varchar(32)      not null,
    model             varchar(200)     not null,
    prompt_tokens     bigint           not null,
    completion_tokens bigint           not null,
    cost_usd          double precision not null,
    answer            text             not null,
    primary key (experiment_id, position)
);
