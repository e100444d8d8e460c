package dev.asiarch.workflows.campaign;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import dev.asiarch.core.profile.ScreeningProfiles;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A campaign as a Temporal client asks for it, in the JSON of {@link CampaignSpec}: every field may be
 * left out (null here) and then takes {@link CampaignSpec}'s default, and every value may be wrong, for
 * {@link #problems()} to name. So a plain client (the Temporal CLI, another SDK, a Schedule) can start
 * {@code {"experiments": 5}}, and {@link #of(CampaignSpec)} of a spec reads back as that spec: typed callers,
 * continue-as-new and the histories of campaigns started with a {@code CampaignSpec} read the same JSON.
 *
 * @param campaignId blank or left out: the campaign takes its workflow's id, as a Schedule's runs do
 * @param strategy   {@code pool} or {@code random} ({@link SearchStrategy}), either case
 * @param unreadable what the JSON held that is no campaign: unknown fields and values of the wrong type
 */
public record CampaignInput(String campaignId, Integer experiments, String profile, Long seed,
                            Integer poolCapacity, Integer poolRefreshEvery, Integer repairRounds,
                            Double llmBudgetUsd, Integer parallelism, Double gpuHoursBudget,
                            Integer continueAsNewEvery, Validation validation, Boolean searchAttributes,
                            String strategy, Integer baselineSeeds, @JsonIgnore List<String> unreadable) {

    /**
     * {@link CampaignSpec.ValidationPlan} as asked for: {@code top} 0 or left out validates nothing, and an empty
     * {@code profile} is the default one (a plan that validates nothing writes its profile as "").
     */
    public record Validation(Integer top, String profile, Integer seeds) {
    }

    /** The JSON's field names are the components' names, as they are {@link CampaignSpec}'s. */
    private static final List<String> FIELDS = Arrays.stream(CampaignInput.class.getRecordComponents())
            .map(RecordComponent::getName).filter(name -> !name.equals("unreadable")).toList();
    private static final List<String> VALIDATION_FIELDS = Arrays.stream(Validation.class.getRecordComponents())
            .map(RecordComponent::getName).toList();

    public CampaignInput {
        unreadable = unreadable == null ? List.of() : List.copyOf(unreadable);
    }

    /** Every field left out: a campaign of defaults. */
    public static CampaignInput empty() {
        return new CampaignInput(null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, List.of());
    }

    /** The input that reads back as {@code spec}. */
    public static CampaignInput of(CampaignSpec spec) {
        CampaignSpec.ValidationPlan plan = spec.validation();
        return new CampaignInput(spec.campaignId(), spec.experiments(), spec.profile(), spec.seed(),
                spec.poolCapacity(), spec.poolRefreshEvery(), spec.repairRounds(), spec.llmBudgetUsd(),
                spec.parallelism(), spec.gpuHoursBudget(), spec.continueAsNewEvery(),
                new Validation(plan.top(), plan.profile(), plan.seeds()), spec.searchAttributes(),
                spec.strategy().label(), spec.baselineSeeds(), List.of());
    }

    /**
     * Reads any JSON without failing, so that a bad start fails the workflow with {@link #problems()}:
     * a value Jackson could not bind would fail the workflow task instead, and Temporal retries that forever.
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static CampaignInput fromJson(JsonNode json) {
        List<String> unreadable = new ArrayList<>();
        if (!json.isObject()) {
            unreadable.add("the campaign must be a JSON object such as {\"experiments\": 5}, was " + json);
            return new CampaignInput(null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, unreadable);
        }
        Fields fields = new Fields("", "campaign", json, FIELDS, unreadable);
        return new CampaignInput(fields.text("campaignId"), fields.whole("experiments"), fields.text("profile"),
                fields.wholeLong("seed"), fields.whole("poolCapacity"), fields.whole("poolRefreshEvery"),
                fields.whole("repairRounds"), fields.number("llmBudgetUsd"), fields.whole("parallelism"),
                fields.number("gpuHoursBudget"), fields.whole("continueAsNewEvery"),
                validation(fields.object("validation", "{\"top\": 2}", VALIDATION_FIELDS)),
                fields.flag("searchAttributes"), fields.text("strategy"), fields.whole("baselineSeeds"), unreadable);
    }

    private static Validation validation(Fields fields) {
        return fields == null ? null
                : new Validation(fields.whole("top"), fields.text("profile"), fields.whole("seeds"));
    }

    /** What is wrong, each naming its field as in the JSON ({@code validation.seeds}); empty when it can start. */
    public List<String> problems() {
        return problems(UnaryOperator.identity());
    }

    /**
     * What is wrong, each naming its field as {@code names} calls it: the command line names
     * {@code poolRefreshEvery} {@code pool-refresh}, and its users should read their own option names.
     */
    public List<String> problems(UnaryOperator<String> names) {
        CampaignInput asked = withDefaults();
        List<String> problems = new ArrayList<>(unreadable);
        atLeast(names.apply("experiments"), asked.experiments, 1, "", problems);
        knownProfile(names.apply("profile"), asked.profile, problems);
        atLeast(names.apply("poolCapacity"), asked.poolCapacity, 1, "", problems);
        atLeast(names.apply("poolRefreshEvery"), asked.poolRefreshEvery, 1, "", problems);
        notNegative(names.apply("repairRounds"), asked.repairRounds, problems);
        budget(names.apply("llmBudgetUsd"), asked.llmBudgetUsd, "dollars", problems);
        atLeast(names.apply("parallelism"), asked.parallelism, 1, "", problems);
        budget(names.apply("gpuHoursBudget"), asked.gpuHoursBudget, "hours", problems);
        atLeast(names.apply("continueAsNewEvery"), asked.continueAsNewEvery, 1, "", problems);
        notNegative(names.apply("validation.top"), asked.validation.top(), problems);
        if (asked.validation.top() > 0) {
            atLeast(names.apply("validation.seeds"), asked.validation.seeds(), 2, " for a significance test", problems);
            knownProfile(names.apply("validation.profile"), asked.validation.profile(), problems);
        }
        try {
            SearchStrategy.byName(asked.strategy);
        } catch (IllegalArgumentException e) {
            problems.add(names.apply("strategy") + ": " + e.getMessage());
        }
        atLeast(names.apply("baselineSeeds"), asked.baselineSeeds, 1, "", problems);
        if (asked.baselineSeeds > CampaignSpec.MAX_BASELINE_SEEDS) {
            problems.add(names.apply("baselineSeeds") + " must be at most " + CampaignSpec.MAX_BASELINE_SEEDS
                    + ", was " + asked.baselineSeeds);
        }
        return problems;
    }

    /**
     * The campaign to run; call only when {@link #problems()} is empty.
     *
     * @param workflowId the campaign's id when the input names none
     */
    public CampaignSpec toSpec(String workflowId) {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        CampaignInput asked = withDefaults();
        Validation validation = asked.validation;
        return new CampaignSpec(asked.campaignId.isBlank() ? workflowId : asked.campaignId, asked.experiments,
                asked.profile, asked.seed, asked.poolCapacity, asked.poolRefreshEvery, asked.repairRounds,
                asked.llmBudgetUsd, asked.parallelism, asked.gpuHoursBudget, asked.continueAsNewEvery,
                validation.top() == 0 ? CampaignSpec.ValidationPlan.none()
                        : new CampaignSpec.ValidationPlan(validation.top(), validation.profile(), validation.seeds()),
                asked.searchAttributes, SearchStrategy.byName(asked.strategy), asked.baselineSeeds);
    }

    /** This input with every field left out set to its default: the one place defaults are applied. */
    private CampaignInput withDefaults() {
        Validation plan = validation == null ? new Validation(null, null, null) : validation;
        return new CampaignInput(orDefault(campaignId, ""),
                orDefault(experiments, CampaignSpec.DEFAULT_EXPERIMENTS),
                orDefault(profile, CampaignSpec.DEFAULT_PROFILE),
                orDefault(seed, CampaignSpec.DEFAULT_SEED),
                orDefault(poolCapacity, CampaignSpec.DEFAULT_POOL_CAPACITY),
                orDefault(poolRefreshEvery, CampaignSpec.DEFAULT_POOL_REFRESH_EVERY),
                orDefault(repairRounds, CampaignSpec.DEFAULT_REPAIR_ROUNDS),
                orDefault(llmBudgetUsd, (double) CampaignSpec.NO_BUDGET),
                orDefault(parallelism, CampaignSpec.DEFAULT_PARALLELISM),
                orDefault(gpuHoursBudget, (double) CampaignSpec.NO_BUDGET),
                orDefault(continueAsNewEvery, CampaignSpec.DEFAULT_CONTINUE_AS_NEW_EVERY),
                new Validation(orDefault(plan.top(), CampaignSpec.ValidationPlan.DEFAULT_TOP),
                        // A plan that validates nothing writes its profile as "".
                        plan.profile() == null || plan.profile().isEmpty()
                                ? CampaignSpec.ValidationPlan.DEFAULT_PROFILE : plan.profile(),
                        orDefault(plan.seeds(), CampaignSpec.ValidationPlan.DEFAULT_SEEDS)),
                orDefault(searchAttributes, CampaignSpec.DEFAULT_SEARCH_ATTRIBUTES),
                orDefault(strategy, CampaignSpec.DEFAULT_STRATEGY.label()),
                orDefault(baselineSeeds, CampaignSpec.DEFAULT_BASELINE_SEEDS), unreadable);
    }

    private static <T> T orDefault(T value, T fallback) {
        return value == null ? fallback : value;
    }

    private static void atLeast(String field, int value, int least, String why, List<String> problems) {
        if (value < least) {
            problems.add(field + " must be at least " + least + why + ", was " + value);
        }
    }

    private static void notNegative(String field, int value, List<String> problems) {
        if (value < 0) {
            problems.add(field + " cannot be negative, was " + value);
        }
    }

    private static void budget(String field, double value, String unit, List<String> problems) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            problems.add(field + " must be a number of " + unit + " >= 0, was " + value);
        }
    }

    private static void knownProfile(String field, String name, List<String> problems) {
        try {
            ScreeningProfiles.byName(name);
        } catch (IllegalArgumentException e) {
            problems.add(field + ": " + e.getMessage());
        }
    }

    /**
     * One JSON object's fields, read by name: a value of the wrong type is noted and read as left out, and so
     * is every field the object has that is not one of {@code known}.
     */
    private static final class Fields {

        private final String prefix;
        private final JsonNode object;
        private final List<String> unreadable;

        Fields(String prefix, String what, JsonNode object, List<String> known, List<String> unreadable) {
            this.prefix = prefix;
            this.object = object;
            this.unreadable = unreadable;
            for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!known.contains(name)) {
                    unreadable.add(prefix + name + " is not a " + what + " field; known: " + String.join(", ", known));
                }
            }
        }

        String text(String name) {
            JsonNode value = value(name);
            return value == null ? null : value.isTextual() ? value.textValue() : wrong(name, "a string", value);
        }

        Integer whole(String name) {
            JsonNode value = value(name);
            return value == null ? null : value.isIntegralNumber() && value.canConvertToInt() ? value.intValue()
                    : wrong(name, "a whole number", value);
        }

        Long wholeLong(String name) {
            JsonNode value = value(name);
            return value == null ? null : value.isIntegralNumber() && value.canConvertToLong() ? value.longValue()
                    : wrong(name, "a whole number", value);
        }

        Double number(String name) {
            JsonNode value = value(name);
            return value == null ? null : value.isNumber() ? value.doubleValue() : wrong(name, "a number", value);
        }

        Boolean flag(String name) {
            JsonNode value = value(name);
            return value == null ? null : value.isBoolean() ? value.booleanValue()
                    : wrong(name, "true or false", value);
        }

        /** The fields of the object under {@code name}; null when it is left out or no object. */
        Fields object(String name, String example, List<String> known) {
            JsonNode value = value(name);
            return value == null ? null : value.isObject() ? new Fields(prefix + name + ".", name, value, known,
                    unreadable) : wrong(name, "an object such as " + example, value);
        }

        /** The field's value; null when it is left out or JSON null, which mean the same: the default. */
        private JsonNode value(String name) {
            JsonNode value = object.get(name);
            return value == null || value.isNull() ? null : value;
        }

        private <T> T wrong(String name, String expected, JsonNode value) {
            unreadable.add(prefix + name + " must be " + expected + ", was " + value);
            return null;
        }
    }
}
