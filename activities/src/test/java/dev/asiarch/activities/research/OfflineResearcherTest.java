package dev.asiarch.activities.research;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.activities.testing.Databases;
import dev.asiarch.core.experiment.ExperimentRecord;
import dev.asiarch.core.experiment.ExperimentRole;
import dev.asiarch.core.experiment.ExperimentStatus;
import dev.asiarch.core.experiment.TrainingMetrics;
import dev.asiarch.core.program.MixerSource;
import dev.asiarch.core.program.MixerSourceGenerator;
import dev.asiarch.core.program.MixerSpec;
import dev.asiarch.core.program.PublishedSpecs;
import dev.asiarch.workflows.activities.Proposal;
import dev.asiarch.workflows.activities.ProposalRequest;
import dev.asiarch.workflows.activities.SeedRequest;
import java.util.ArrayList;
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

        Set<String> specs = new HashSet<>(List.of(seed.spec().orElseThrow()));
        for (int i = 1; i <= 20; i++) {
            String id = "c1-e%03d".formatted(i);
            Proposal proposal = researcher.propose(new ProposalRequest("c1", id, "c1-e000", List.of(), i, List.of()));
            assertThat(specs.add(proposal.spec().orElseThrow())).as("repeated " + proposal.spec()).isTrue();
            assertThat(proposal.motivation()).startsWith("Evolves DeltaNet: ");
            assertThat(proposal.researcher()).isEqualTo(OfflineResearcher.NAME);
            assertThat(proposal.secondParentId()).as("no references, no crossover").isEmpty();
            assertThat(MixerSource.className(proposal.source())).contains(proposal.name().replace("-", ""));
            store.record(record(id, Optional.of("c1-e000"), proposal));
        }
    }

    @Test
    void crossoversWithReferencesRecordTheirSecondParentAndTakeItsParts() {
        ExperimentStore store = new ExperimentStore(Databases.h2());
        OfflineResearcher researcher = new OfflineResearcher(store);
        store.openCampaign("c2", "cpu-tiny", 60, 1, 1L);
        store.record(record("c2-e000", Optional.empty(), researcher.seedProposal(new SeedRequest("c2", "c2-e000", "DeltaNet"))));
        List<String> references = new ArrayList<>();
        for (String name : List.of("HierGateNet", "FusionGatedFIRNet")) {
            MixerSpec spec = PublishedSpecs.of(name).orElseThrow();
            String id = "c2-e%03d".formatted(references.size() + 1);
            store.record(record(id, Optional.of("c2-e000"), new Proposal(name, "published", Optional.of(spec.encode()),
                    MixerSourceGenerator.generate(spec, "published"), OfflineResearcher.NAME, List.of())));
            references.add(id);
        }

        int crossovers = 0;
        for (int i = 3; i < 43; i++) {
            String id = "c2-e%03d".formatted(i);
            Proposal proposal = researcher.propose(new ProposalRequest("c2", id, "c2-e000", references, i, List.of()));
            if (proposal.secondParentId().isPresent()) {
                crossovers++;
                String donor = proposal.secondParentId().get();
                assertThat(references).contains(donor);
                String donorName = store.find(donor).orElseThrow().name();
                assertThat(proposal.motivation()).contains("crosses DeltaNet with " + donorName);
                MixerSpec child = MixerSpec.parse(proposal.spec().orElseThrow());
                MixerSpec from = PublishedSpecs.of(donorName).orElseThrow();
                // Every reference differs from DeltaNet in its paths and fusion: one of its parts came along
                // unless a later mutation changed it again, so the child is never plain DeltaNet.
                assertThat(child).isNotEqualTo(MixerSpec.deltaNet()).isNotEqualTo(from);
            }
            store.record(record(id, Optional.of("c2-e000"), proposal));
        }
        assertThat(crossovers).as("about a third of proposals with references are crossovers").isBetween(5, 30);
    }

    @Test
    void mutationAndCrossoverAlwaysLandInsideTheSpace() {
        Random random = new Random(3);
        List<SpecMutator.Reference> pool = new ArrayList<>();
        PublishedSpecs.all().forEach((name, spec) -> pool.add(new SpecMutator.Reference("r-" + name, name, spec)));
        MixerSpec parent = MixerSpec.deltaNet();
        Set<String> tried = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            SpecMutator.Mutation mutation = SpecMutator.mutate(parent, "P" + i,
                    pool.subList(0, 1 + random.nextInt(pool.size())), tried, random);
            // The compact constructor refuses any spec whose parts do not fit; the encoding reads back.
            assertThat(MixerSpec.parse(mutation.spec().encode())).isEqualTo(mutation.spec());
            assertThat(mutation.reasons()).isNotEmpty();
            tried.add(mutation.spec().encode());
            parent = random.nextInt(4) == 0 ? MixerSpec.sample(random) : mutation.spec();
        }
    }

    @Test
    void mutationIsReproducibleFromItsSeed() {
        MixerSpec parent = MixerSpec.deltaNet();
        List<SpecMutator.Reference> references = List.of(new SpecMutator.Reference("r1", "HierGateNet",
                PublishedSpecs.of("HierGateNet").orElseThrow()));

        SpecMutator.Mutation first = SpecMutator.mutate(parent, "DeltaNet", references, Set.of(), new Random(42));
        SpecMutator.Mutation again = SpecMutator.mutate(parent, "DeltaNet", references, Set.of(), new Random(42));

        assertThat(first).isEqualTo(again);
        assertThat(first.spec()).isNotEqualTo(parent);
    }

    private static ExperimentRecord record(String id, Optional<String> parent, Proposal proposal) {
        return new ExperimentRecord(id, id.substring(0, 2),
                parent.isEmpty() ? ExperimentRole.BASELINE : ExperimentRole.CANDIDATE,
                parent, proposal.secondParentId(), List.of(), proposal.name(), proposal.motivation(), proposal.spec(),
                proposal.source(), proposal.researcher(), ExperimentStatus.TRAINED, Optional.empty(), "", List.of(),
                List.of(), List.of(),
                Optional.of(new TrainingMetrics(2.0, 2.1, List.of(3.0), 1, 1000, 1000, 1, Map.of())), Optional.empty(),
                Optional.empty(), OptionalDouble.of(0.5),
                "campaigns/" + id.substring(0, 2) + "/experiments/" + id + "/", 1L);
    }
}
