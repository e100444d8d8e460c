-- A crossover takes parts of its parent and of one of its references: that reference is its second
-- parent, shown in the lineage.
alter table experiment add column second_parent_id varchar(120) references experiment (id);
