package dev.asiarch.activities.llm;

import dev.asiarch.core.experiment.LlmCall;
import java.util.Map;

/**
 * US dollars per million tokens read and written, by model id. A model without a price (a local
 * vLLM or Ollama model) costs nothing in money; its tokens are still counted.
 */
public record PriceTable(Map<String, Price> prices) {

    /** Dollars per million prompt (input) and completion (output) tokens. */
    public record Price(double inputPerMillion, double outputPerMillion) {
        public Price {
            if (inputPerMillion < 0 || outputPerMillion < 0) {
                throw new IllegalArgumentException("token prices cannot be negative: " + this);
            }
        }
    }

    public PriceTable {
        prices = Map.copyOf(prices);
    }

    public static PriceTable none() {
        return new PriceTable(Map.of());
    }

    /** The call of {@code role} that {@code answer} came from, priced. */
    public LlmCall price(String role, String model, ChatAnswer answer) {
        Price price = prices.getOrDefault(model, prices.get(answer.model()));
        double cost = price == null ? 0
                : (answer.promptTokens() * price.inputPerMillion() + answer.completionTokens() * price.outputPerMillion())
                / 1_000_000.0;
        return new LlmCall(role, answer.model().isBlank() ? model : answer.model(), answer.promptTokens(),
                answer.completionTokens(), cost, answer.text());
    }
}
