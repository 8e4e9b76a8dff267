package io.aoailab.access;

import java.util.List;

/**
 * The Responses API operations the scenarios use, as one client performs them on one access path. The scenarios
 * write {@code path.call(api -> api.create(ask))}; which SDK sends it is the path's business. A refusal is the
 * SDK's own exception, which {@link AccessPath#call} turns into a {@link Call} with its {@link Failure}.
 */
public interface ResponsesApi {

    /** {@code POST /responses}. */
    Reply create(Ask ask);

    /** {@code POST /responses} with {@code stream: true}, read to its end. */
    StreamedReply stream(Ask ask);

    /** {@code GET /responses/{id}}. */
    Reply retrieve(String responseId);

    /** {@code DELETE /responses/{id}}: whether the answer says it was deleted. */
    boolean delete(String responseId);

    /** {@code GET /responses/{id}/input_items}: the items' types, oldest first. */
    List<String> inputItemTypes(String responseId);
}
