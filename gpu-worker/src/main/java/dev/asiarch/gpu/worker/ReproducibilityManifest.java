package dev.asiarch.gpu.worker;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What it takes to screen an experiment again and expect the same numbers, written beside its
 * artifacts as {@code manifest.json} when its training starts. With the record in the store (the
 * prompts' answers and the calls' models), it is what {@code asi-arch replay} works from.
 *
 * @param sourceSha256  SHA-256 of the screened source, UTF-8
 * @param models        model ids of the agents that shaped the candidate before training
 * @param profile       the profile's name, and {@code profileSettings} every value it had when the experiment ran
 * @param dataResource  the corpus file, and {@code dataSha256} its hash
 * @param libraries     versions of the Java runtime and of the libraries that compute the numbers
 */
public record ReproducibilityManifest(String experimentId, String campaignId, Optional<String> parentId,
                                      String sourceSha256, List<String> models, String profile,
                                      String profileSettings, long seed,
                                      String dataResource, String dataSha256, Map<String, String> libraries) {
}
