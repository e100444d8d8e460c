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

-- The Judge's grades of a trained experiment (1 to 10 each) and its rationale; in_fitness: whether
-- they entered the fitness (a model's do, the offline rule's do not).
create table judge_score (
    experiment_id varchar(64)      not null primary key references experiment (id),
    performance   double precision not null,
    innovation    double precision not null,
    complexity    double precision not null,
    rationale     text             not null,
    judge         varchar(200)     not null,
    in_fitness    boolean          not null
);

-- The Analyst's five sections on a trained experiment.
create table analysis (
    experiment_id           varchar(64)  not null primary key references experiment (id),
    design_evaluation       text         not null,
    results_analysis        text         not null,
    expectation_vs_reality  text         not null,
    theoretical_explanation text         not null,
    synthesis               text         not null,
    analyst                 varchar(200) not null
);
