package dev.asiarch.activities.cognition;

/** A cognition file that does not follow the format; the message names the file, the line and the fix. */
public final class CognitionFormatException extends IllegalArgumentException {

    public CognitionFormatException(String message) {
        super(message);
    }
}
