package dev.asiarch.workflows;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.common.SearchAttributeKey;
import java.util.Map;

/**
 * The search attributes experiment workflows carry, so the Temporal UI and CLI can filter them, e.g.
 * {@code AsiArchCampaign = 'c-...' AND AsiArchStatus = 'TRAINED' ORDER BY AsiArchFitness DESC}. A
 * server must know them before a workflow sets them; the application registers them at start-up and
 * campaigns use them only when that worked.
 */
public final class ExperimentSearchAttributes {

    public static final SearchAttributeKey<String> CAMPAIGN = SearchAttributeKey.forKeyword("AsiArchCampaign");
    /** RUNNING while the experiment runs, then TRAINED or FAILED. */
    public static final SearchAttributeKey<String> STATUS = SearchAttributeKey.forKeyword("AsiArchStatus");
    public static final SearchAttributeKey<Double> FITNESS = SearchAttributeKey.forDouble("AsiArchFitness");

    /** Names and index types, for registering them with a server. */
    public static final Map<String, IndexedValueType> DEFINITIONS = Map.of(
            CAMPAIGN.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
            STATUS.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
            FITNESS.getName(), IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE);

    private ExperimentSearchAttributes() {
    }
}
