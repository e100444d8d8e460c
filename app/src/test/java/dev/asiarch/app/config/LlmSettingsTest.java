package dev.asiarch.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asiarch.activities.llm.AgentRole;
import dev.asiarch.activities.llm.ChatAnswer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The {@code asi-arch.llm} settings as Spring binds them from properties (the form --set takes). */
class LlmSettingsTest {

    private static AsiArchProperties.Llm bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("asi-arch.llm", AsiArchProperties.Llm.class);
    }

    @Test
    void rolesTakeTheSharedEndpointAndTheirOwnSettingsAndModelsWithDotsGetPrices() {
        AsiArchProperties.Llm llm = bind(Map.of(
                "asi-arch.llm.base-url", "http://localhost:11434/v1",
                "asi-arch.llm.roles.researcher.model", "qwen2.5-coder:14b",
                "asi-arch.llm.roles.researcher.timeout", "5m",
                "asi-arch.llm.roles.engineer.model", "gpt-4.1-mini",
                "asi-arch.llm.roles.engineer.base-url", "https://api.openai.com/v1",
                "asi-arch.llm.prices.[gpt-4.1-mini].input-per-million", "0.4",
                "asi-arch.llm.prices.[gpt-4.1-mini].output-per-million", "1.6"));

        var researcher = llm.connection(AgentRole.RESEARCHER).orElseThrow();
        assertThat(researcher.baseUrl()).isEqualTo("http://localhost:11434/v1");
        assertThat(researcher.timeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(researcher.apiKeyVariable()).isEqualTo("OPENAI_API_KEY");
        assertThat(llm.connection(AgentRole.ENGINEER).orElseThrow().baseUrl()).isEqualTo("https://api.openai.com/v1");
        assertThat(llm.connection(AgentRole.JUDGE)).isEmpty();
        assertThat(llm.priceTable().price("engineer", "gpt-4.1-mini",
                new ChatAnswer("", "gpt-4.1-mini", 1_000_000, 500_000)).costUsd()).isEqualTo(1.2);
    }

    @Test
    void settingsLeftOutTakeTheRolesOwnDefaults() {
        AsiArchProperties.Llm llm = bind(Map.of(
                "asi-arch.llm.roles.researcher.model", "reasoner",
                "asi-arch.llm.roles.summarizer.model", "small",
                "asi-arch.llm.roles.summarizer.max-retries", "0"));

        var researcher = llm.connection(AgentRole.RESEARCHER).orElseThrow();
        assertThat(researcher.baseUrl()).isEqualTo(AgentRole.DEFAULT_BASE_URL);
        assertThat(researcher.temperature()).isEqualTo(AgentRole.RESEARCHER.temperature());
        assertThat(researcher.timeout()).isEqualTo(AgentRole.RESEARCHER.timeout());
        assertThat(researcher.maxTokens()).isEqualTo(AgentRole.RESEARCHER.maxTokens());
        assertThat(researcher.maxRetries()).isEqualTo(AgentRole.DEFAULT_MAX_RETRIES);
        var summarizer = llm.connection(AgentRole.SUMMARIZER).orElseThrow();
        assertThat(summarizer.maxTokens()).isEqualTo(AgentRole.SUMMARIZER.maxTokens());
        assertThat(summarizer.maxRetries()).isZero();
    }

    @Test
    void anUnknownRoleIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> bind(Map.of("asi-arch.llm.roles.critic.model", "x")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("asi-arch.llm.roles.critic is not a role; known: researcher, engineer");
    }
}
