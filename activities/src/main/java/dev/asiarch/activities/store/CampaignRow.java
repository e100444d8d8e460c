package dev.asiarch.activities.store;

import java.util.OptionalLong;

/**
 * A campaign as the store knows it: what was asked and how far it got.
 *
 * @param experiments   candidate experiments asked for, after the baseline
 * @param recorded      experiments recorded so far, baseline included
 * @param trained       of those, the ones that trained
 * @param status        RUNNING until the campaign closes, then its final phase
 * @param finishedAtMillis absent while it runs
 * @param strategy      where its parents came from: {@code pool} or {@code random}
 * @param baselineSeeds seeds its baseline was screened with, the campaign run included
 */
public record CampaignRow(String id, String profile, int experiments, long seed, String status, int recorded,
                          int trained, long startedAtMillis, OptionalLong finishedAtMillis,
                          String strategy, int baselineSeeds) {
}
