package io.aoailab.access;

/**
 * One server-sent event of a streamed response, as it came over the wire: azure-ai-openai beta.16's event models
 * have no getter for {@code sequence_number}, so the scenarios read it here.
 *
 * @param type the event's {@code type} (from its JSON, else its {@code event:} line, else {@code message})
 * @param sequenceNumber its {@code sequence_number}, or {@link #NO_SEQUENCE_NUMBER} when the event carried none
 *     (or its data was not JSON)
 */
public record StreamedEvent(String type, long sequenceNumber) {
    public static final long NO_SEQUENCE_NUMBER = -1;

    public boolean hasSequenceNumber() {
        return sequenceNumber != NO_SEQUENCE_NUMBER;
    }
}
