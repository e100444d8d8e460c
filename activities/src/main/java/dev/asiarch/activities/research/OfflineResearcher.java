package dev.asiarch.activities.research;

import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.core.experiment.ExperimentRecord;
import dev.asiarch.core.program.MixerSpec;
import dev.asiarch.core.program.MixerSourceGenerator;
import dev.asiarch.core.program.SeedPrograms;
import dev.asiarch.workflows.activities.Proposal;
import dev.asiarch.workflows.activities.ProposalRequest;
import dev.asiarch.workflows.activities.ResearchActivities;
import dev.asiarch.workflows.activities.SeedRequest;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * The researcher used when no LLM endpoint is configured: it mutates the parent's {@link MixerSpec},
 * or crosses it with one of the sampled references (recorded as the experiment's second parent), never
 * repeats a spec the campaign has tried, and writes the source with {@link MixerSourceGenerator}. Its
 * records say {@value #NAME}.
 */
public final class OfflineResearcher implements ResearchActivities {

    public static final String NAME = "offline-mutation";

    private final ExperimentStore store;

    public OfflineResearcher(ExperimentStore store) {
        this.store = store;
    }

    @Override
    public Proposal seedProposal(SeedRequest request) {
        if (!SeedPrograms.DELTA_NET.equals(request.program())) {
            throw ApplicationFailure.newNonRetryableFailure("unknown seed program '" + request.program()
                    + "'; known: " + SeedPrograms.DELTA_NET, "UnknownSeedProgram");
        }
        return new Proposal(SeedPrograms.DELTA_NET,
                "Seed and baseline: DeltaNet, a delta-rule memory over L2-normalised keys with short convolutions;"
                        + " every candidate of the campaign is measured against it.",
                Optional.of(MixerSpec.deltaNet().encode()), SeedPrograms.source(request.program()), "seed", List.of());
    }

    @Override
    public Proposal propose(ProposalRequest request) {
        ExperimentRecord parent = load(request.parentId());
        List<SpecMutator.Reference> references = request.referenceIds().stream()
                .map(this::load)
                .map(reference -> new SpecMutator.Reference(reference.experimentId(), reference.name(), specOf(reference)))
                .toList();
        // The campaign derives each experiment's seed from its own seed and the index, so a campaign seed
        // reproduces the same proposals. The seed is scrambled first: java.util.Random's first draws from
        // neighbouring seeds are nearly equal, and experiment seeds are neighbours.
        Random random = new Random(new SplittableRandom(request.seed()).nextLong());
        SpecMutator.Mutation mutation = SpecMutator.mutate(specOf(parent), parent.name(), references,
                store.campaignSpecs(request.campaignId()), random);
        String motivation = "Evolves " + parent.name() + ": " + String.join("; ", mutation.reasons()) + "."
                + request.idea().map(idea -> " The team's idea \"" + idea + "\" was received; a rule-based mutation "
                        + "cannot act on free text, so this proposal does not follow it.").orElse("");
        return new Proposal(mutation.spec().displayName(), motivation, Optional.of(mutation.spec().encode()),
                MixerSourceGenerator.generate(mutation.spec(), motivation), NAME, List.of(),
                mutation.crossedWith().map(SpecMutator.Reference::experimentId));
    }

    private ExperimentRecord load(String experimentId) {
        return store.find(experimentId).orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
                "experiment " + experimentId + " is not in the store", "UnknownExperiment"));
    }

    /**
     * A parent written without a spec (by hand or by an LLM), or with one this space cannot read, is
     * treated as a DeltaNet variant.
     */
    private static MixerSpec specOf(ExperimentRecord record) {
        try {
            return record.spec().map(MixerSpec::parse).orElse(MixerSpec.deltaNet());
        } catch (IllegalArgumentException unreadable) {
            return MixerSpec.deltaNet();
        }
    }
}
