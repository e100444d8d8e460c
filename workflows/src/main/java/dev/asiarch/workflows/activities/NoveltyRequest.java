package dev.asiarch.workflows.activities;

/** A proposal to compare with the campaign's earlier experiments. */
public record NoveltyRequest(String campaignId, String experimentId, String name, String motivation, String source) {
}
