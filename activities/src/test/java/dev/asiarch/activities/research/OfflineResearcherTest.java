package dev.asiarch.activities.research;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.activities.testing.Databases;
import dev.asiarch.core.experiment.ExperimentRecord;
import dev.asiarch.core.experiment.ExperimentRole;
import dev.asiarch.core.experiment.ExperimentStatus;
import dev.asiarch.core.experiment.TrainingMetrics;
import dev.asiarch.core.program.ArchitectureSpec;
import dev.asiarch.core.program.MixerSource;
import dev.asiarch.workflows.activities.Proposal;
import dev.asiarch.workflows.activities.ProposalRequest;
import dev.asiarch.workflows.activities.SeedRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OfflineResearcherTest {

    @Test
    void proposesADifferentNamedArchitectureEachTime() {
        ExperimentStore store = new ExperimentStore(Databases.h2());
        OfflineResearcher researcher = new OfflineResearcher(store);
        store.openCampaign("c1", "cpu-tiny", 20, 1, 1L);
        Proposal seed = researcher.seedProposal(new SeedRequest("c1", "c1-e000", "DeltaNet"));
        store.record(record("c1-e000", Optional.empty(), seed));

        Set<String> names = new HashSet<>(List.of(seed.name()));
        for (int i = 1; i <= 20; i++) {
            String id = "c1-e%03d".formatted(i);
            Proposal proposal = researcher.propose(new ProposalRequest("c1", id, "c1-e000", List.of(), i, List.of()));
            assertThat(names.add(proposal.name())).as("repeated " + proposal.name()).isTrue();
            assertThat(proposal.motivation()).startsWith("Evolves DeltaNet: ");
            assertThat(proposal.researcher()).isEqualTo(OfflineResearcher.NAME);
            assertThat(MixerSource.className(proposal.source())).contains(proposal.name().replace("-", ""));
            store.record(record(id, Optional.of("c1-e000"), proposal));
        }
    }

    @Test
    void mutationIsReproducibleFromItsSeed() {
        ArchitectureSpec parent = ArchitectureSpec.deltaNet();

        Mutation first = SpecMutator.mutate(parent, List.of(), Set.of(), new Random(42));
        Mutation again = SpecMutator.mutate(parent, List.of(), Set.of(), new Random(42));

        assertThat(first).isEqualTo(again);
        assertThat(first.spec()).isNotEqualTo(parent);
        assertThat(ArchitectureSpec.parse(first.spec().encode())).isEqualTo(first.spec());
    }

    private static ExperimentRecord record(String id, Optional<String> parent, Proposal proposal) {
        return new ExperimentRecord(id, "c1", parent.isEmpty() ? ExperimentRole.BASELINE : ExperimentRole.CANDIDATE,
                parent, List.of(), proposal.name(), proposal.motivation(), proposal.spec(), proposal.source(),
                proposal.researcher(), ExperimentStatus.TRAINED, Optional.empty(), "", List.of(), List.of(), List.of(),
                Optional.of(new TrainingMetrics(2.0, 2.1, List.of(3.0), 1, 1000, 1000, 1, Map.of())), Optional.empty(),
                Optional.empty(), OptionalDouble.of(0.5),
                "campaigns/c1/experiments/" + id + "/", 1L);
    }
}
