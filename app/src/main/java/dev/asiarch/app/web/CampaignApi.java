package dev.asiarch.app.web;

import dev.asiarch.activities.store.CampaignRow;
import dev.asiarch.activities.store.ExperimentOutline;
import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.app.campaign.CampaignHistory;
import dev.asiarch.app.campaign.CampaignRequest;
import dev.asiarch.app.campaign.LeaderboardEntry;
import dev.asiarch.app.campaign.Campaigns;
import dev.asiarch.app.config.ServesStoreUsers;
import dev.asiarch.app.wiring.SearchAttributeRegistration;
import dev.asiarch.workflows.campaign.CampaignProgress;
import dev.asiarch.workflows.campaign.SteeringRefused;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/campaigns}: list and start campaigns, read one's leaderboard, experiments and lineage,
 * and steer a running one (pause, resume, stop, pin, unpin, ban, inject). A steering action the campaign
 * refuses is a 409 whose error is the campaign's reason.
 */
@RestController
@RequestMapping("/api/campaigns")
@ConditionalOnWebApplication
@Conditional(ServesStoreUsers.class)
class CampaignApi {

    /** The body of pin and ban ({@code experimentId}) and of inject ({@code idea}). */
    record SteeringRequest(String experimentId, String idea) {
    }

    /**
     * What the campaign was told, and for pin, unpin, ban and inject, its answer: what it did. A signal (pause,
     * resume, stop) has no answer; the campaign's steering log says what became of it.
     */
    record SteeringReceipt(String campaignId, String action, String sent, Optional<String> answer) {
    }

    private final ExperimentStore store;
    private final Campaigns campaigns;
    private final SearchAttributeRegistration searchAttributes;

    CampaignApi(ExperimentStore store, Campaigns campaigns, SearchAttributeRegistration searchAttributes) {
        this.store = store;
        this.campaigns = campaigns;
        this.searchAttributes = searchAttributes;
    }

    @GetMapping
    List<CampaignView> list() {
        return store.campaigns().stream().map(row -> view(row, Map.of())).toList();
    }

    @PostMapping
    ResponseEntity<CampaignView> start(@RequestBody(required = false) CampaignRequest body) {
        CampaignRequest request = body == null ? CampaignRequest.defaults() : body;
        if (!request.problems().isEmpty()) {
            throw ApiException.badRequest(String.join("; ", request.problems()));
        }
        String id = Campaigns.newCampaignId();
        campaigns.start(request.toSpec(id, searchAttributes.enabled()));
        CampaignView started = new CampaignView(id, request.profile(), request.experiments(), request.seed(), "RUNNING",
                0, 0, System.currentTimeMillis(), OptionalLong.empty(), Map.of(), Optional.empty(), List.of(),
                Optional.empty());
        return ResponseEntity.created(URI.create("/api/campaigns/" + id)).body(started);
    }

    @GetMapping("/{id}")
    CampaignView get(@PathVariable String id) {
        Optional<CampaignRow> row = store.campaign(id);
        if (row.isEmpty()) {
            // Started a moment ago: its workflow has not written the campaign's row yet.
            if (!campaigns.running(id)) {
                throw unknownCampaign(id);
            }
            Optional<CampaignProgress> live = campaigns.progress(id);
            return new CampaignView(id, "", live.map(p -> p.total() - 1).orElse(0), 0,
                    live.map(progress -> progress.phase().name()).orElse("STARTING"), 0, 0, System.currentTimeMillis(),
                    OptionalLong.empty(), Map.of(), live, live.map(campaigns::inFlight).orElse(List.of()),
                    Optional.empty());
        }
        return view(row.get(), history(id).failuresByReason());
    }

    @GetMapping("/{id}/leaderboard")
    List<LeaderboardEntry> leaderboard(@PathVariable String id) {
        requireCampaign(id);
        return LeaderboardEntry.of(store, id);
    }

    @GetMapping("/{id}/experiments")
    List<ExperimentOutline> experiments(@PathVariable String id) {
        requireCampaign(id);
        return history(id).experiments();
    }

    @GetMapping("/{id}/progress")
    List<CampaignHistory.Progress> progress(@PathVariable String id) {
        requireCampaign(id);
        return history(id).progress();
    }

    @GetMapping("/{id}/lineage")
    List<CampaignHistory.LineageNode> lineage(@PathVariable String id) {
        requireCampaign(id);
        return history(id).lineage();
    }

    @PostMapping("/{id}/{action}")
    ResponseEntity<SteeringReceipt> steer(@PathVariable String id, @PathVariable String action,
                                          @RequestBody(required = false) SteeringRequest body) {
        if (store.campaign(id).isEmpty() && !campaigns.running(id)) {
            throw unknownCampaign(id);
        }
        Optional<String> argument = Optional.ofNullable(body)
                .map(b -> action.equals("inject") ? b.idea() : b.experimentId());
        Optional<String> answer;
        try {
            answer = campaigns.steer(id, action, argument);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage() + (action.equals("inject") ? " in the body: {\"idea\": \"...\"}"
                    : List.of("pin", "ban").contains(action) ? " in the body: {\"experimentId\": \"...\"}" : ""));
        } catch (SteeringRefused e) {
            // The campaign runs and said why not; the request may be sent again once that changes.
            throw ApiException.conflict(e.getMessage());
        } catch (IllegalStateException e) {
            throw ApiException.conflict(e.getMessage() + " (it is "
                    + store.campaignStatus(id).orElse("unknown") + ")");
        }
        // An update has been applied when the answer comes; a signal only sent.
        return ResponseEntity.status(answer.isPresent() ? HttpStatus.OK : HttpStatus.ACCEPTED)
                .body(new SteeringReceipt(id, action, argument.orElse(""), answer));
    }

    private CampaignView view(CampaignRow row, Map<String, Long> failures) {
        boolean recordedRunning = row.status().equals("RUNNING");
        boolean running = recordedRunning && campaigns.running(row.id());
        Optional<CampaignProgress> live = running ? campaigns.progress(row.id()) : Optional.empty();
        Optional<String> note = recordedRunning && !running
                ? Optional.of("no workflow runs it on this server: the process that ran it ended before it finished")
                : Optional.empty();
        return new CampaignView(row.id(), row.profile(), row.experiments(), row.seed(),
                live.map(progress -> progress.phase().name()).orElse(note.isPresent() ? "INTERRUPTED" : row.status()),
                row.recorded(), row.trained(), row.startedAtMillis(), row.finishedAtMillis(), failures, live,
                live.map(campaigns::inFlight).orElse(List.of()), note);
    }

    private CampaignHistory history(String id) {
        return new CampaignHistory(store.campaignOutlines(id));
    }

    private void requireCampaign(String id) {
        if (store.campaign(id).isEmpty()) {
            throw unknownCampaign(id);
        }
    }

    static ApiException unknownCampaign(String id) {
        return ApiException.notFound("no campaign '" + id + "'; GET /api/campaigns lists them");
    }
}
