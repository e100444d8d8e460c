package dev.asiarch.activities.llm;

/** A model's answer to one chat call, with what it cost in tokens. */
public record ChatAnswer(String text, String model, long promptTokens, long completionTokens) {
}
