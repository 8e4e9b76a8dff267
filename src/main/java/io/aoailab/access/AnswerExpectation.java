package io.aoailab.access;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What the intended deployment says every successful Responses answer on an access path must show: a region it
 * is meant to come from, and the intended model. Checked on every call the suite makes, not in one case: a
 * deployment whose second region serves another model is caught on whichever call lands there.
 *
 * @param path the access path as a sentence names it, e.g. "through APIM"
 * @param regions the regions that may answer on the path (a direct path: its own; APIM: every intended one); none:
 *        any region, as long as the answer names one
 * @param regionHeader the response header that must name it
 * @param model the intended model, as configuration names it
 * @param servesModel whether a response's {@code model} is the intended one (it may add its version date)
 */
public record AnswerExpectation(String path, List<String> regions, String regionHeader, String model,
        Predicate<String> servesModel) {

    public AnswerExpectation {
        regions = List.copyOf(regions);
    }

    /**
     * What is wrong with an answer, if anything. Only successful answers of the Responses API are held to it: an
     * error answer, the Foundry connections API and other routes say nothing about the model.
     */
    public Optional<String> violation(CallRecord call) {
        if (call.status() < 200 || call.status() > 299 || !call.url().contains("/openai/")) {
            return Optional.empty();
        }
        String where = call.method() + " " + call.url() + " answered " + call.status();
        if (call.region().isEmpty()) {
            return Optional.of(String.format("%nExpecting every answer %s to name the region that served it in %s,"
                    + "%nbut %s without it.%s", path, regionHeader, where, regionHeader.equals(
                            CallCapture.AZURE_REGION_HEADER) ? "" : String.format("%nThrough APIM that header is the"
                            + " policy's (EXPECTED_REGION_HEADER): set it in outbound from the backend's x-ms-region,"
                            + " or declare the header the policy does set.")));
        }
        if (!regions.isEmpty() && !regions.contains(call.region().get())) {
            return Optional.of(String.format("%nExpecting every answer %s to come from %s,%nbut %s from %s.",
                    path, regions.size() == 1 ? regions.get(0) : "one of the intended regions " + regions, where,
                    call.region().get()));
        }
        Optional<String> model = call.model();
        if (model.isPresent() && !servesModel.test(model.get())) {
            return Optional.of(String.format("%nExpecting every answer %s to come from the intended model %s"
                    + " (EXPECTED_MODEL),%nbut %s from %s with model %s.", path, this.model, where,
                    call.region().get(), model.get()));
        }
        return Optional.empty();
    }
}
